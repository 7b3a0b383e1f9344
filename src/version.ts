/** survinfer's version, recorded in every result and report. Kept equal to package.json by a test. */
export const VERSION = "0.1.0";
