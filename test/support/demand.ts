/** A representative week of 15-minute intervals, Monday 00:00 first: open 08:00-20:00 Monday to Friday. */
export function weekDemand(offeredPerInterval = 50, ahtSeconds = 300) {
  return {
    intervalSeconds: 900,
    intervals: Array.from({ length: 672 }, (_, i) => {
      const day = Math.floor(i / 96);
      const hour = Math.floor((i % 96) / 4);
      const open = day < 5 && hour >= 8 && hour < 20;
      return { offered: open ? offeredPerInterval : 0, ahtSeconds };
    }),
  };
}
