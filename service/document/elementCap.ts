import { formatCount } from '../../common/formatCount';

/**
 * The most elements of a file's root array that are checked. Labelbox takes at most 150,000
 * data rows per import; each element checked keeps a little memory (its row entry, and its
 * problems), and a hostile file of tiny elements (`[1,1,1,…]`, two bytes each) would otherwise
 * fill the memory of the server or the command line: 27 million of them stopped the command
 * line with V8's out-of-memory abort after a minute.
 */
export const MAX_CHECKED_ELEMENTS = 1_000_000;

/** Why a file over MAX_CHECKED_ELEMENTS is not checked, as the language status and the command line say it. */
export const TOO_MANY_ELEMENTS = `its array has more than ${formatCount(MAX_CHECKED_ELEMENTS)} elements, which is more than this tool checks; Labelbox takes at most 150,000 data rows per import: split the file`;
