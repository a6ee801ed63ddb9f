/**
 * The row view: the asset by media type, identifiers, metadata and attachments of the row
 * under the editor's cursor. Each section is rebuilt only when what it shows changed, so an
 * edit of a metadata value does not reload the image above it.
 */
import type { HostMessage, PreviewRow, Resource, TextState } from '../common/preview/messages';
import {
  conversationOf,
  problemNoteOf,
  type AssetModel,
  type AttachmentModel,
  type ConversationModel,
  type MetadataEntry,
  type RowModel,
} from '../common/preview/rowModel';
import { ownValue, setOwnValue } from '../common/ownKeys';
import { decodeOrKeep, withoutQuery } from '../common/urls';
import { button, h } from './dom';
import { mediaIcon, namedIcon } from './icons';
import { renderMarkdown } from './markdown';
import {
  fetchedTextView,
  frameView,
  imageView,
  mediaView,
  notLoadable,
  openExternalButton,
  overlayLayers,
  pdfView,
  unshownCard,
  type ViewContext,
} from './media';
import { tiledView } from './tiledMap';

type RowMessage = Extract<HostMessage, { type: 'row' }>;

interface Section {
  key: string;
  element: HTMLElement;
  dispose?: () => void;
}

interface Built {
  element: HTMLElement;
  attached?: () => void;
  dispose?: () => void;
}

const NO_RESOURCE: Resource = { blocked: 'The extension did not say how to load this address.', external: false };

export class RowView {
  readonly element = h('section', {
    id: 'row-view',
    class: 'row-view',
    role: 'tabpanel',
    'aria-labelledby': 'tab-row',
    'data-testid': 'row-view',
    tabindex: -1,
  });
  private readonly sections = new Map<string, Section>();
  private message: RowMessage | undefined;
  private readonly watchers = new Map<string, Set<(state: TextState) => void>>();
  private rendered = 0;

  constructor(
    private readonly host: Omit<ViewContext, 'resource' | 'text' | 'watchText'>,
    private readonly onRowShown: (row: PreviewRow | null) => void,
  ) {}

  /** How many times a section was built: tests check that an edit rebuilds only what changed. */
  get buildCount(): number {
    return this.rendered;
  }

  private readonly context: ViewContext = {
    post: (message) => this.host.post(message),
    allowScripts: () => this.host.allowScripts(),
    layer: (url) => this.host.layer(url),
    setLayer: (url, layer) => this.host.setLayer(url, layer),
    resource: (url) => (this.message && ownValue(this.message.resources, url)) ?? NO_RESOURCE,
    text: (url) => (this.message && ownValue(this.message.texts, url)) ?? { status: 'failed', reason: 'Not fetched.' },
    watchText: (url, update) => {
      let set = this.watchers.get(url);
      if (!set) this.watchers.set(url, (set = new Set()));
      set.add(update);
      update(this.context.text(url));
      return () => set.delete(update);
    },
  };

  show(message: RowMessage): void {
    this.message = message;
    const row = message.row;
    this.element.dataset.seq = String(message.seq);
    if (!row) {
      this.render([
        ['empty', message.empty ?? '', () => ({ element: h('p', { class: 'empty', 'data-testid': 'row-empty' }, message.empty ?? 'No row to show.') })],
      ]);
      this.onRowShown(null);
      return;
    }
    const model = row.model;
    const overlays = model.attachments.filter((attachment) => attachment.kind === 'overlay' && !attachment.problem);
    const overlaysOnImage = model.asset.kind === 'image' && overlays.length > 0;
    const urlsOf = (urls: string[]) => urls.map((url) => [url, ownValue(message.resources, url), ownValue(message.texts, url)]);
    const assetUrls = assetAddresses(model.asset).concat(overlaysOnImage ? overlays.map((overlay) => overlay.value) : []);
    this.render([
      ['header', JSON.stringify([row.index, row.rowCount, row.line]), () => this.header(row)],
      ['problems', JSON.stringify(row.problems), () => this.problems(row)],
      [
        'asset',
        JSON.stringify([model.asset, model.mediaType, urlsOf(assetUrls), overlaysOnImage && overlays, this.host.allowScripts()]),
        () => this.asset(model, overlaysOnImage ? overlays : []),
      ],
      [
        'fields',
        JSON.stringify([model.globalKey, model.externalId, model.mediaType, row.mediaTypeInferred, row.dialect, model.embeddings]),
        () => this.fields(model, row),
      ],
      ['metadata', JSON.stringify(model.metadata), () => this.metadata(model.metadata)],
      [
        'attachments',
        JSON.stringify([model.attachments, urlsOf(model.attachments.map((attachment) => attachment.value)), overlaysOnImage, this.host.allowScripts()]),
        () => this.attachments(model.attachments, overlaysOnImage),
      ],
    ]);
    this.onRowShown(row);
  }

  /** A text the extension fetched for the row shown. */
  text(seq: number, url: string, state: TextState): void {
    if (!this.message || seq !== this.message.seq) return;
    setOwnValue(this.message.texts, url, state);
    for (const update of this.watchers.get(url) ?? []) update(state);
  }

  /** The allowScripts setting changed: frames are rebuilt with the new sandbox. */
  refresh(): void {
    if (this.message) this.show(this.message);
  }

  private render(wanted: Array<[string, string, () => Built]>): void {
    const names = new Set(wanted.map(([name]) => name));
    for (const [name, section] of this.sections) {
      if (names.has(name)) continue;
      section.dispose?.();
      section.element.remove();
      this.sections.delete(name);
    }
    let previous: HTMLElement | undefined;
    const attached: Array<() => void> = [];
    for (const [name, key, build] of wanted) {
      let section = this.sections.get(name);
      if (!section || section.key !== key) {
        const built = build();
        this.rendered++;
        built.element.dataset.section = name;
        if (section) {
          section.dispose?.();
          section.element.replaceWith(built.element);
        }
        section = { key, element: built.element, dispose: built.dispose };
        this.sections.set(name, section);
        if (built.attached) attached.push(built.attached);
      }
      // Keep the order of the sections.
      const expected: ChildNode | null = previous ? previous.nextSibling : this.element.firstChild;
      if (section.element !== expected) this.element.insertBefore(section.element, expected);
      previous = section.element;
    }
    for (const callback of attached) callback();
  }

  private header(row: PreviewRow): Built {
    const post = this.host.post;
    const previous = button(
      'Previous row',
      () => post({ type: 'reveal', index: row.index - 1 }),
      { class: 'icon-button', disabled: row.index === 0, 'data-testid': 'previous-row' },
      namedIcon('previous'),
    );
    const next = button(
      'Next row',
      () => post({ type: 'reveal', index: row.index + 1 }),
      { class: 'icon-button', disabled: row.index + 1 >= row.rowCount, 'data-testid': 'next-row' },
      namedIcon('next'),
    );
    return {
      element: h(
        'header',
        { class: 'row-header' },
        h('h2', { 'data-testid': 'row-title' }, `Row ${(row.index + 1).toLocaleString()} of ${row.rowCount.toLocaleString()}`),
        h('span', { class: 'row-line' }, `line ${(row.line + 1).toLocaleString()}`),
        h('span', { class: 'row-nav' }, previous, next),
      ),
    };
  }

  private problems(row: PreviewRow): Built {
    if (!row.problems.length) return { element: h('div', { class: 'problems none', hidden: true }) };
    const items = row.problems.map((problem) =>
      h(
        'li',
        { class: `problem ${problem.severity}` },
        namedIcon(problem.severity === 'hint' ? 'information' : problem.severity),
        h('span', { class: 'visually-hidden' }, `${problem.severity}: `),
        h('span', { class: 'problem-message' }, problem.message),
        h('span', { class: 'problem-where' }, ` line ${problem.line + 1} · ${problem.code}`),
      ),
    );
    const errors = row.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = row.problems.filter((problem) => problem.severity === 'warning').length;
    return {
      element: h(
        'section',
        { class: 'problems', 'aria-label': 'Problems of this row', 'data-testid': 'row-problems' },
        h('h3', {}, `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`),
        h('ul', {}, ...items),
      ),
    };
  }

  private asset(model: RowModel, overlays: AttachmentModel[]): Built {
    const built = this.assetBody(model.asset, overlays);
    const kind = model.asset.kind;
    const note = problemNoteOf(model.asset);
    return {
      ...built,
      element: h(
        'section',
        { class: `asset asset-${kind}`, 'aria-label': 'Asset', 'data-testid': 'asset', 'data-kind': kind },
        h('h3', { class: 'section-title' }, mediaIcon(model.mediaType), ` ${model.mediaType ?? 'Asset'}`),
        note ? h('p', { class: 'asset-note', role: 'note', 'data-testid': 'asset-note' }, namedIcon('error'), h('span', {}, note)) : null,
        built.element,
      ),
    };
  }

  private assetBody(asset: AssetModel, overlays: AttachmentModel[]): Built {
    const context = this.context;
    switch (asset.kind) {
      case 'image': {
        const layers = overlayLayers(
          overlays.map((overlay, position) => ({
            url: overlay.value,
            name: overlay.name ?? `Overlay ${position + 1}`,
            resource: context.resource(overlay.value),
          })),
          context,
        );
        const image = imageView(asset.url, context.resource(asset.url), context, {
          label: 'The data row image',
          overlays: layers.images,
          testId: 'asset-image',
        });
        return { element: overlays.length ? h('div', {}, image, layers.controls) : image };
      }
      case 'video':
      case 'audio':
        return { element: mediaView(asset.kind, asset.url, context.resource(asset.url), context) };
      case 'html':
        return frameView(asset.url, context.resource(asset.url), context, 'The HTML asset');
      case 'pdf':
        return { element: pdfView(asset.url, context.resource(asset.url), context, asset.textLayerUrl) };
      case 'dicom': {
        const resource = context.resource(asset.url);
        const name = decodeOrKeep(withoutQuery(asset.url).split(/[\\/]/).pop() || asset.url);
        return {
          element: h(
            'div',
            { class: 'dicom', 'data-testid': 'dicom' },
            h('p', {}, h('strong', {}, name)),
            h('p', { class: 'note' }, 'DICOM images are not rendered here; Labelbox shows them in its DICOM editor.'),
            h('p', {}, h('code', { class: 'address' }, asset.url)),
            resource.blocked ? h('p', { class: 'note' }, resource.blocked) : null,
            openExternalButton(asset.url, resource, context),
          ),
        };
      }
      case 'text':
        return { element: h('pre', { class: 'text-body', 'data-testid': 'asset-text', tabindex: 0 }, asset.text) };
      case 'textUrl': {
        const view = fetchedTextView(asset.url, context.resource(asset.url), context, 'asset-text');
        return view;
      }
      case 'tiled':
        return tiledView(asset.tiled, context);
      case 'conversation':
        return { element: chatView(asset.conversation) };
      case 'conversationUrl':
        return this.remoteConversation(asset.url);
      case 'modelChat':
        return { element: h('p', { class: 'note', 'data-testid': 'model-chat' }, asset.note) };
      case 'unknown': {
        if (!asset.url) return { element: h('p', { class: 'note', 'data-testid': 'unknown-asset' }, asset.note) };
        const resource = context.resource(asset.url);
        const card = notLoadable(asset.url, resource, context) ?? unshownCard('cannot-show', asset.url, asset.note, resource, context);
        card.dataset.testid = 'unknown-asset';
        return { element: card };
      }
      case 'missing':
        return { element: h('p', { class: 'note', 'data-testid': 'missing-asset' }, asset.note) };
    }
  }

  /** A conversation file: fetched by the extension, shown as a chat when it parses. */
  private remoteConversation(url: string): Built {
    const holder = h('div', { class: 'remote-conversation' });
    const text = fetchedTextView(url, this.context.resource(url), this.context, 'conversation-source');
    holder.appendChild(text.element);
    const chat = h('div', {});
    holder.prepend(chat);
    const stop = this.context.watchText(url, (state) => {
      chat.replaceChildren();
      if (state.status !== 'loaded') return;
      let conversation: ConversationModel | undefined;
      try {
        conversation = conversationOf(JSON.parse(state.text));
      } catch {
        conversation = undefined;
      }
      if (conversation) {
        chat.appendChild(chatView(conversation));
        text.element.hidden = true;
      }
    });
    return { element: holder, dispose: () => (stop(), text.dispose()) };
  }

  private fields(model: RowModel, row: PreviewRow): Built {
    const entry = (label: string, value: string | undefined, testId: string, note?: string) =>
      h(
        'div',
        { class: 'field' },
        h('dt', {}, label),
        h('dd', { 'data-testid': testId }, value ?? h('span', { class: 'absent' }, '—'), note ? h('span', { class: 'note' }, ` ${note}`) : null),
      );
    return {
      element: h(
        'section',
        { class: 'fields', 'aria-label': 'Identifiers' },
        h(
          'dl',
          {},
          entry('Global key', model.globalKey, 'field-global-key'),
          entry('External ID', model.externalId, 'field-external-id'),
          entry('Media type', model.mediaType, 'field-media-type', row.mediaTypeInferred ? '(no media_type: inferred from the asset)' : undefined),
          entry('Format', row.dialect === 'legacy' ? 'legacy (camelCase)' : row.dialect === 'current' ? 'current (snake_case)' : undefined, 'field-dialect'),
          model.embeddings ? entry('Embeddings', String(model.embeddings), 'field-embeddings') : null,
        ),
      ),
    };
  }

  private metadata(entries: MetadataEntry[]): Built {
    if (!entries.length) return { element: h('section', { class: 'metadata', hidden: true }) };
    const rows = entries.map((entry) =>
      h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          entry.name ?? h('span', { class: 'absent' }, 'Unknown field'),
          entry.schemaId ? h('div', {}, h('code', { class: 'schema-id' }, entry.schemaId)) : null,
        ),
        h('td', {}, entry.valueName ?? valueText(entry.value), entry.valueName ? h('div', {}, h('code', { class: 'schema-id' }, String(entry.value))) : null),
      ),
    );
    return {
      element: h(
        'section',
        { class: 'metadata', 'aria-label': 'Metadata' },
        h(
          'table',
          { 'data-testid': 'metadata-table' },
          h('caption', {}, 'Metadata'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Value'))),
          h('tbody', {}, ...rows),
        ),
      ),
    };
  }

  private attachments(attachments: AttachmentModel[], overlaysOnImage: boolean): Built {
    if (!attachments.length) return { element: h('section', { class: 'attachments', hidden: true }) };
    const disposers: Array<() => void> = [];
    const cards = attachments.map((attachment, position) => {
      const body = this.attachmentBody(attachment, overlaysOnImage);
      if (body.dispose) disposers.push(body.dispose);
      const title = attachment.name ?? attachment.type ?? `Attachment ${position + 1}`;
      return h(
        'article',
        { class: 'attachment', 'data-testid': 'attachment', 'data-type': attachment.type, 'aria-label': `Attachment ${title}` },
        h('h4', {}, title, ' ', h('span', { class: 'badge type-badge' }, attachment.type || '?')),
        body.element,
      );
    });
    return {
      element: h(
        'section',
        { class: 'attachments', 'aria-label': 'Attachments' },
        h('h3', { class: 'section-title' }, `Attachments (${attachments.length})`),
        ...cards,
      ),
      dispose: () => disposers.forEach((dispose) => dispose()),
    };
  }

  private attachmentBody(attachment: AttachmentModel, overlaysOnImage: boolean): Built {
    const context = this.context;
    const url = attachment.value;
    const label = attachment.name ?? attachment.type;
    if (attachment.problem) {
      return { element: h('div', {}, h('p', { class: 'note' }, attachment.problem), h('pre', { class: 'text-body' }, attachment.value)) };
    }
    switch (attachment.kind) {
      case 'image':
      case 'camera':
        return { element: imageView(url, context.resource(url), context, { label: `Attachment ${label}` }) };
      case 'overlay':
        return overlaysOnImage
          ? {
              element: h('p', { class: 'note' }, 'Layered over the image above; use its toggle and opacity slider.', ' ', h('code', { class: 'address' }, url)),
            }
          : {
              element: h(
                'div',
                {},
                h('p', { class: 'note' }, 'Overlays are layered over image assets; this row has no image, so it is shown on its own.'),
                imageView(url, context.resource(url), context, { label: `Overlay ${label}` }),
              ),
            };
      case 'video':
      case 'audio':
        return { element: mediaView(attachment.kind, url, context.resource(url), context) };
      case 'markdown':
        return {
          element: h(
            'div',
            { 'data-testid': 'raw-text' },
            renderMarkdown(url, (href) => context.post({ type: 'openExternal', url: href })),
          ),
        };
      case 'textUrl':
        return fetchedTextView(url, context.resource(url), context, 'attachment-text');
      case 'html':
        return frameView(url, context.resource(url), context, `HTML attachment ${label}`);
      case 'pdf':
        return { element: pdfView(url, context.resource(url), context) };
      case 'unknown':
        return { element: h('pre', { class: 'text-body' }, url) };
    }
  }
}

function assetAddresses(asset: AssetModel): string[] {
  if ('url' in asset && asset.url) return [asset.url];
  if (asset.kind === 'tiled') return asset.tiled.layers.map((layer) => layer.url);
  return [];
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 8 && value.every((item) => typeof item === 'number')) return `[${value.length} numbers]`;
  return JSON.stringify(value) ?? String(value);
}

export function chatView(conversation: ConversationModel): HTMLElement {
  const messages = conversation.messages.map((message) =>
    h(
      'li',
      { class: `message ${message.align}`, 'data-testid': 'chat-message' },
      h('div', { class: 'message-author' }, message.author, message.canLabel === false ? h('span', { class: 'note' }, ' · not labelable') : null),
      h('div', { class: 'message-content' }, message.content),
    ),
  );
  const outputs = conversation.modelOutputs.map((output) =>
    h(
      'article',
      { class: 'model-output', 'data-testid': 'model-output' },
      h('h4', {}, output.title, output.model ? h('span', { class: 'note' }, ` · ${output.model}`) : null),
      h('div', { class: 'message-content' }, output.content),
    ),
  );
  return h(
    'div',
    { class: 'chat', 'data-testid': 'chat' },
    messages.length ? h('ol', { class: 'messages', 'aria-label': 'Messages' }, ...messages) : h('p', { class: 'note' }, 'The conversation has no messages.'),
    outputs.length ? h('div', { class: 'model-outputs', 'aria-label': 'Model responses' }, ...outputs) : null,
  );
}
