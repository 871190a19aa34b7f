-- Each subgraph creates and owns its database cchub_<subgraph>; the application user may
-- create and use those, and nothing else.
GRANT ALL PRIVILEGES ON `cchub\_%`.* TO 'cchub'@'%';
FLUSH PRIVILEGES;
