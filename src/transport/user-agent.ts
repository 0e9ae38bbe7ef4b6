// The product's version, as sent in `User-Agent: regkit/<version>`. A unit test keeps it equal to package.json's.
export const REGKIT_VERSION = '0.1.0';

export const DEFAULT_USER_AGENT = `regkit/${REGKIT_VERSION}`;
