/** Row messages as the extension sends them, pointing at the harness's test media. */
import type { HostMessage, PreviewRow, Resource, TextState } from '../../common/preview/messages';
import { describeRow } from '../../common/preview/rowModel';

type RowMessage = Extract<HostMessage, { type: 'row' }>;

export function rowMessage(
  seq: number,
  value: unknown,
  options: {
    mediaType?: string;
    resources?: Record<string, Resource>;
    texts?: Record<string, TextState>;
    problems?: PreviewRow['problems'];
    index?: number;
    metadataNames?: Record<string, string>;
  } = {},
): RowMessage {
  return {
    type: 'row',
    seq,
    row: {
      index: options.index ?? 2,
      rowCount: 120,
      line: 14,
      // As the panel computes it (previewPanel.showRow).
      model: describeRow(value, options.mediaType, options.metadataNames ?? {}),
      dialect: 'current',
      mediaType: options.mediaType,
      mediaTypeInferred: false,
      problems: options.problems ?? [],
    },
    resources: options.resources ?? {},
    texts: options.texts ?? {},
  };
}

/** A resource the page may load from the test server. */
export const served = (origin: string, path: string): Resource => ({ src: `${origin}${path}`, external: true });

/** An image row with metadata, two overlay layers and a markdown note, like §8.2 of the format notes. */
export function imageRow(origin: string, seq = 1) {
  const asset = 'https://field-survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412.jpg';
  const ndvi = 'https://field-survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412_ndvi.png';
  const mask = 'gs://field-survey-gcs/2024/plot-12/IMG_0412_mask.png';
  const weeds = 'https://field-survey.s3.eu-west-1.amazonaws.com/2024/plot-12/IMG_0412_weeds.png';
  return {
    asset,
    ndvi,
    weeds,
    mask,
    message: rowMessage(
      seq,
      {
        row_data: asset,
        global_key: 'field-survey/2024/plot-12/<img src=x onerror="window.__pwned=1">',
        external_id: '<script>window.__pwned=2</script>IMG_0412.jpg',
        media_type: 'IMAGE',
        metadata_fields: [
          { schema_id: 'cko8s9r5v0001h2dk9elqdidh', value: 'wheat' },
          { schema_id: 'cko8sbczn0002h2dkdaxb5kal', value: 'cko8sbscr0003h2dk04w86hof' },
          { name: 'altitude_m', value: 42.5 },
        ],
        attachments: [
          { type: 'IMAGE_OVERLAY', name: 'NDVI', value: ndvi },
          { type: 'IMAGE_OVERLAY', name: 'Weeds', value: weeds },
          { type: 'IMAGE_OVERLAY', name: 'Mask', value: mask },
          {
            type: 'RAW_TEXT',
            name: 'Notes',
            value:
              '**Shadow** from the tree line.\n\n- lower third\n- see https://example.com/protocol\n\n<b>not bold</b> [click](javascript:window.__pwned=4)',
          },
        ],
      },
      {
        mediaType: 'IMAGE',
        metadataNames: {
          cko8s9r5v0001h2dk9elqdidh: 'tag',
          cko8sbczn0002h2dkdaxb5kal: 'split',
          cko8sbscr0003h2dk04w86hof: 'train',
        },
        problems: [{ severity: 'warning', code: 'insecure-url', message: 'A made-up warning about <this> row.', line: 15 }],
        resources: {
          [asset]: { ...served(origin, '/media/image.png'), failHint: 'This is an Amazon S3 bucket.' },
          [ndvi]: served(origin, '/media/overlay-a.png'),
          [weeds]: served(origin, '/media/overlay-b.png'),
          [mask]: { blocked: 'gs:// URLs are read by Labelbox through a Google Cloud Storage integration; a browser cannot load them.', external: false },
        },
      },
    ),
  };
}
