// Links into a tenant: its hub and its management console. Built only from a hostname that is a
// plain DNS name, so upstream data can never turn a link into another scheme, path or userinfo.
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export const isLinkableHostname = (hostname: string) => HOSTNAME.test(hostname);

export function hubUrl(hostname: string): string | null {
  return isLinkableHostname(hostname) ? `https://${hostname}` : null;
}

export function consoleUrl(hostname: string): string | null {
  return isLinkableHostname(hostname) ? `https://${hostname}/console` : null;
}
