// Kept equal to package.json's version by a unit test: the bundle cannot rely on finding package.json at run time.
export const VERSION = '0.1.0';
