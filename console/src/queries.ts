/**
 * Every GraphQL document the console sends, in one place: test/console-queries.test.ts checks
 * each against the supergraph, so a schema change that breaks a page fails a test.
 */
export const ME = `query Me { me { subject roles organisation { id name kind } } }`;

export const CONTRACTS = `query Contracts {
  contracts { id title status startDate endDate client { id name } centre { id name } monthlyFee { amountMinor currency }
    queues { id name channel timeZone } }
}`;

const COMPLIANCE_FIELDS = `slaTargets { id metric goal comparator window queue { id name }
  compliance(from: $from, to: $to) { measurable note windowsJudged windowsMet shareMet creditPercent creditAmountMinor currency
    windows { start end label goal comparator met shortfall creditPercent figure { value approximate definition { label } } } } }`;

export const CONTRACT_COMPLIANCE = `query ContractCompliance($id: ID!, $from: DateTime!, $to: DateTime!) {
  contract(id: $id) { id title status client { id name } centre { id name } monthlyFee { amountMinor currency }
    queues { id name timeZone } ${COMPLIANCE_FIELDS} }
}`;

export const CONTRACT_HEAD = `query ContractHead($id: ID!) {
  contract(id: $id) { id title status client { id name } centre { id name } queues { id name channel timeZone } }
}`;

export const CATALOGUE = `query Catalogue { metricCatalogue { key name description unit parameters better variants { key description parameters unit } } }`;

export const KPI_SERIES = `query KpiSeries($queue: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!, $metrics: [MetricDefinitionInput!]) {
  queues(ids: [$queue]) { id name
    performance(from: $from, to: $to, granularity: $granularity, metrics: $metrics) {
      timeZone points { start label intervals sums { offered answered } figures { value approximate numerator denominator definition { label metric variant } } } } }
}`;

export const VOLUME = `query Volume($queue: ID!, $from: DateTime!, $to: DateTime!) {
  queues(ids: [$queue]) { id name timeZone
    forecastInForce(from: $from, to: $to) { start end version volume }
    performance(from: $from, to: $to, granularity: HOUR, metrics: [{ metric: "ABANDONMENT_RATE" }]) { timeZone points { start label sums { offered } } } }
}`;

export const CAPACITY = `query Capacity($id: ID!, $from: DateTime!, $to: DateTime!) {
  contract(id: $id) { id queues { id name timeZone }
    capacity(from: $from, to: $to) { queueId week start requiredHours committedHours scheduledHours actualHours commitmentGapHours scheduleGapHours actualGapHours shareOfGroup } }
}`;

export const REPORTS = `query Reports($id: ID!) {
  contract(id: $id) { id centre { id name } client { id name } queues { id timeZone } monthlyFee { currency }
    performanceReports { id month version status commentary publishedAt publishedBy reviewedAt disputeReason dataChanged timeZone
      compliance { targetId label goal comparator measurable windowsJudged windowsMet shareMet creditPercent creditAmountMinor } } }
}`;

export const PUBLISH_REPORT = `mutation PublishReport($id: ID!, $month: String!, $commentary: String) {
  publishPerformanceReport(contractId: $id, month: $month, commentary: $commentary) { id status version }
}`;
export const APPROVE_REPORT = `mutation ApproveReport($id: ID!) { approvePerformanceReport(id: $id) { id status reviewedAt } }`;
export const DISPUTE_REPORT = `mutation DisputeReport($id: ID!, $reason: String!) { disputePerformanceReport(id: $id, reason: $reason) { id status } }`;

export const COMPLAINTS = `query Complaints($id: ID!) {
  contract(id: $id) { id centre { id name } client { id name }
    complaints(first: 100) { id status version category severity description customerRef receivedAt queueId
      terms { acknowledgeWithinHours resolveWithinDays timeZone }
      clocks { kind dueAt running paused met overdue businessSecondsRemaining businessSecondsOverdue }
      correctiveActions { id action owner dueDate done } } }
}`;

export const TRANSITION_COMPLAINT = `mutation TransitionComplaint($id: ID!, $to: ComplaintStatus!, $note: String!, $expectedVersion: Int) {
  transitionComplaint(id: $id, to: $to, note: $note, expectedVersion: $expectedVersion) { id status version }
}`;
export const PAUSE_COMPLAINT = `mutation PauseComplaint($id: ID!, $note: String!) { pauseComplaintClock(id: $id, reason: AWAITING_CUSTOMER, note: $note) { id status } }`;
export const RESUME_COMPLAINT = `mutation ResumeComplaint($id: ID!, $note: String!) { resumeComplaintClock(id: $id, note: $note) { id status } }`;
export const ADD_ACTION = `mutation AddAction($id: ID!, $input: CorrectiveActionInput!) { addCorrectiveAction(complaintId: $id, input: $input) { id } }`;

export const SATISFACTION = `query Satisfaction($id: ID!, $from: DateTime!, $to: DateTime!) {
  contract(id: $id) { id
    satisfaction(from: $from, to: $to, granularity: WEEK) { timeZone
      points { label start responses csat { responses share low high meanScore } nps { responses score low high }
               ces { responses meanScore } fcr { responses share low high } } } }
}`;

export const OBLIGATIONS = `query Obligations {
  contracts { id title status client { id name } queues { id timeZone }
    reportingObligations { report frequency dueDaysAfterPeriodEnd }
    performanceReports { month version status }
    complaints(first: 100, status: [RECEIVED, ACKNOWLEDGED, ASSESSED, INVESTIGATING, ESCALATED, REOPENED]) { id status category severity
      clocks { kind dueAt running paused overdue } } }
}`;

export const FORECASTS = `query Forecasts($queue: ID!, $from: DateTime!, $to: DateTime!) {
  queues(ids: [$queue]) { id name timeZone contract { id title }
    forecasts(from: $from, to: $to) { id version status from to publishedAt note
      summary { volume requiredProductiveHours scheduledFteHours intervalsAtRisk intervalsWithPlan intervalsWithoutStaffing } }
    forecastInForce(from: $from, to: $to) { start version volume ahtSeconds plannedAgents atRisk staffingNote
      staffing { requiredAgents scheduledFte target { goal thresholdSeconds variant } }
      planned { expectedServiceLevel } } }
}`;

export const PUBLISH_FORECAST = `mutation PublishForecast($queue: ID!, $input: ForecastInput!) {
  publishForecast(queueId: $queue, input: $input) { id version status intervalCount }
}`;

export const TENDERS = `query Tenders { tenders { id title status closesAt closed currency owner { id name } invitedCentres { id name } bids { id centre { name } status } } }`;

export const TENDER = `query Tender($id: ID!) {
  tender(id: $id) { id title description status closesAt closed currency priceWeight patienceSeconds
    requirements { metric thresholdSeconds goal weight }
    bids { id status centre { name } } }
}`;

/** Only after the close: before it the comparison is refused (CONFLICT). */
export const TENDER_COMPARISON = `query TenderComparison($id: ID!) {
  tender(id: $id) { id
    comparison { canonicalDefinitions
      bids { bidId centreName rank score feasible binding
        commitments { stated statedValue convertible staffedHours canonical { label value } }
        canonical { label value }
        cost { costPerHandledContactMinor monthlyCostMinor payableHours requiredHours reasons }
        terms { name weight value points contribution } } } }
}`;

export const AWARD = `mutation Award($bid: ID!) { awardBid(bidId: $bid) { id status title } }`;

const JOB_FIELDS = `id kind status phase profile queueId contractId forecastId scorecardId fileName chunks bytesReceived sameFileAs
  rowsRead rowsChecked rowsWritten rowsRefused rowsSkipped problems { line column reason } notes failure createdAt startedAt finishedAt`;

/** What the uploads page offers: the targets the signed-in organisation can read, and its recent jobs. */
export const UPLOAD_TARGETS = `query UploadTargets($from: DateTime!, $to: DateTime!, $jobs: Int!) {
  contracts { id title status queues { id name timeZone forecasts(from: $from, to: $to) { id version status from } } scorecards { id version { name version } } }
  importJobs(first: $jobs) { id kind status profile queueId contractId forecastId scorecardId fileName rowsRead rowsWritten rowsRefused createdAt finishedAt }
}`;

export const IMPORT_PROFILES = `query ImportProfiles($kind: ImportKind) { importProfiles(kind: $kind) { name kind readyMade description } }`;

export const START_IMPORT = `mutation StartImport($input: StartImportInput!) { startImport(input: $input) { id status chunks } }`;

export const APPEND_IMPORT_CHUNK = `mutation AppendImportChunk($id: ID!, $seq: Int!, $content: String!, $last: Boolean!) {
  appendImportChunk(jobId: $id, seq: $seq, content: $content, encoding: BASE64, last: $last) { id status chunks }
}`;

export const IMPORT_JOB = `query ImportJob($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`;

export const QUALITY = `query Quality($id: ID!, $from: DateTime!, $to: DateTime!) {
  contract(id: $id) { id
    scorecards { id versions { version effectiveFrom effectiveTo }
      version { version name passMark effectiveFrom sections { key title weight } criteria { sectionKey key title weight scale critical allowNotApplicable } } }
    quality(from: $from, to: $to, granularity: WEEK) { metric timeZone
      points { label start evaluations meanScore { value low high } sharePassing { count share low high } criticalFailRate { count share low high } } }
    qualityByAgent(from: $from, to: $to, first: 100) { agentRef evaluations meanScore { value low high } sharePassing { share low high } criticalFailRate { share } }
    qualityByEvaluator(from: $from, to: $to, first: 100) { evaluatorRef party evaluations meanScore { value low high } sharePassing { share } }
    calibrationSessions(status: CLOSED, first: 5) { id title closedAt scorecardVersion
      results { interactions evaluators scores centreMinusClient { n mean low high }
        reliability { method basis coefficient low high units raters note }
        evaluatorResults { evaluatorRef party interactions meanScore fromConsensus { n mean low high } fromClientBaseline { n mean low high } }
        consensus { interactionRef evaluators consensusScore clientBaseline } } } }
}`;

export const STATEMENT = `query Statement($id: ID!, $month: String!) {
  billingStatement(contractId: $id, month: $month) { month version status currency timeZone computedAt issuedAt
    chargesMinor creditsMinor bonusesMinor totalMinor notes rounding changed
    lines { code kind queueId from to quantity unit rateMinor amountMinor definition termsRevision } }
}`;

export const ALL_DOCUMENTS = {
  ME, CONTRACTS, CONTRACT_COMPLIANCE, CONTRACT_HEAD, CATALOGUE, KPI_SERIES, VOLUME, CAPACITY, REPORTS, PUBLISH_REPORT, APPROVE_REPORT, DISPUTE_REPORT,
  COMPLAINTS, TRANSITION_COMPLAINT, PAUSE_COMPLAINT, RESUME_COMPLAINT, ADD_ACTION, SATISFACTION, OBLIGATIONS, FORECASTS, PUBLISH_FORECAST, TENDERS, TENDER, TENDER_COMPARISON, AWARD,
  UPLOAD_TARGETS, IMPORT_PROFILES, START_IMPORT, APPEND_IMPORT_CHUNK, IMPORT_JOB, QUALITY, STATEMENT,
};
