export { extractCodeBlock, runReadmeCode } from './readme-code.js';
