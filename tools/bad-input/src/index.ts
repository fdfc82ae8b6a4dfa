export {
  type BadInputEntry,
  type BadInputOptions,
  checkSample,
  type Finding,
  findBadInputProblems,
  formatFindings,
  uncoveredExports,
} from './bad-input.js';
