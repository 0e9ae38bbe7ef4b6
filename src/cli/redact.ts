// The CLI's counterpart of the runner's secret masking: known credential values never reach stdout or stderr.

export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is hidden whole.
  const values = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((out, secret) => out.split(secret).join('***'), text);
}
