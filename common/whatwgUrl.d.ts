// The WHATWG URL class, which every runtime of this code has (Node, the browser) but the
// ES library does not declare: common/ and the service compile without Node's or the DOM's types.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  toString(): string;
}
