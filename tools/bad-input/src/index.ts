export {
  type BadInputEntry,
  type BadInputOptions,
  checkSample,
  type Finding,
  findBadInputProblems,
  formatFindings,
  uncoveredExports,
} from './bad-input.js';
export { type DistributionFamilyCase, distributionEntries } from './distribution-entries.js';
