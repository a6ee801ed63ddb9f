import { tableOf } from '../../common/ownKeys';

/**
 * Enum values that a rule explains better than the schema's "unknown value" (deprecated,
 * docs-only or renamed values): the schema leaves them out so that editors never suggest them,
 * the ajv error mapper (schemaErrors.ts) leaves them to the rules, and the rules report them.
 * Data only, so that the general mapper imports no specific rule.
 */

/** SDK media types with no documented import format. */
export const NOT_IMPORTABLE = tableOf({
  POINT_CLOUD: 'Point clouds have no documented data row import format.',
  LLM: 'LLM is a project type; it has no documented data row format.',
  LLM_PROMPT_CREATION: 'Labelbox generates these data rows itself when a prompt creation project is set up; they are not imported.',
  LLM_PROMPT_RESPONSE_CREATION: 'Labelbox generates these data rows itself when a prompt and response creation project is set up; they are not imported.',
});

/** Media types checkMediaType (rules/mediaType.ts) explains itself. */
export const MEDIA_TYPES_EXPLAINED_BY_RULE: readonly string[] = [...NOT_IMPORTABLE.keys(), 'JSON'];

/** Attachment types checkAttachments (rules/attachments.ts) explains itself. */
export const ATTACHMENT_TYPES_EXPLAINED_BY_RULE: readonly string[] = ['TEXT', 'AUDIO', 'TEXT_FILE'];
