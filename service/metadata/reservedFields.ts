import type { MetadataField } from '../../common/metadataSchema/fields';

/**
 * Labelbox's reserved metadata fields. Their schema ids are the same in every organization
 * (docs/import-format.md, §4).
 */
export const RESERVED_FIELDS: readonly MetadataField[] = [
  {
    id: 'cko8s9r5v0001h2dk9elqdidh',
    name: 'tag',
    kind: 'string',
    reserved: true,
    options: [],
    description: 'Free text tag, at most 4096 characters.',
  },
  {
    id: 'cko8sbczn0002h2dkdaxb5kal',
    name: 'split',
    kind: 'enum',
    reserved: true,
    options: [
      { id: 'cko8sbscr0003h2dk04w86hof', name: 'train' },
      { id: 'cko8sc2yr0004h2dk69aj5x63', name: 'valid' },
      { id: 'cko8scbz70005h2dkastwhgqt', name: 'test' },
    ],
    description: 'Which part of a machine-learning split the data row belongs to.',
  },
  {
    id: 'cko8sdzv70006h2dk8jg64zvb',
    name: 'captureDateTime',
    kind: 'datetime',
    reserved: true,
    options: [],
    description: 'When the asset was captured, ISO 8601 in UTC.',
  },
  {
    id: 'ckpyije740000yxdk81pbgjdc',
    name: 'embedding',
    kind: 'embedding',
    reserved: true,
    options: [],
    description: 'The retired 128-float embedding.',
    deprecated: 'The reserved "embedding" metadata field was retired in January 2023. Use the row-level "embeddings" key with a custom embedding instead.',
  },
  {
    name: 'skipNFrames',
    kind: 'number',
    reserved: true,
    options: [],
    description: 'Video only: number of frames to skip when labeling. Its schema id is not published.',
  },
];
