import type { SignedUrlForm } from '../../common/signedUrls';
import type { PathStep } from '../json/nodePath';

/**
 * A signed URL of a row and the moment it stops working, kept in the row's facts. The row's
 * check stores only this moment: whether it has passed is decided when the problems are
 * collected (collectDiagnostics, with its `now`), so a row checked an hour ago and a row
 * checked now give the same verdict, and the verdict changes as time passes without an edit.
 */
export interface SignedUrlFact {
  /** From the row's object down to the URL's string. */
  path: PathStep[];
  /** Row-relative place of the URL's string; -1 for a row checked without positions, until `ImportDocument.locateSignedUrls`. */
  offset: number;
  length: number;
  form: SignedUrlForm;
  expiresAt: number;
  /** Where the form states a start (Azure `st`, a CloudFront policy's DateGreaterThan): before it the URL is refused too. */
  startsAt?: number;
}
