export { type DescribeBackendsOptions, describeBackends } from './describe-backends.js';
