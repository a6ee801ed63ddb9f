/**
 * The gallery: every row of the file as a tile, in a grid that builds only the tiles in
 * view (plus a few rows around them) and asks the extension for pages of rows as they come
 * into view, so a file of 50,000 rows scrolls like one of 50.
 */
import type { GalleryFilter } from '../common/gallery';
import { MEDIA_TYPES } from '../common/mediaTypes';
import type { PreviewTile, HostMessage } from '../common/preview/messages';
import { h } from './dom';
import { mediaIcon, namedIcon } from './icons';
import type { Post } from './vscodeApi';

type PageMessage = Extract<HostMessage, { type: 'galleryPage' }>;

export const TILE_WIDTH = 176;
export const TILE_HEIGHT = 196;
const GAP = 8;
const ROW_HEIGHT = TILE_HEIGHT + GAP;
const PAGE_SIZE = 120;
const OVERSCAN_ROWS = 2;
/** Browsers cap element heights (about 33 million pixels in Chromium); beyond this the scroll is scaled. */
const MAX_CANVAS_HEIGHT = 8_000_000;

export interface GalleryHost {
  post: Post;
  filter(): GalleryFilter;
  setFilter(filter: GalleryFilter): void;
  scrollTop(): number;
  setScrollTop(top: number): void;
}

export class GalleryView {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly count: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly textInput: HTMLInputElement;
  private readonly mediaSelect: HTMLSelectElement;
  private readonly problemsBox: HTMLInputElement;
  private total = -1;
  private pages = new Map<number, PreviewTile[]>();
  /** Pages kept on screen while fresh ones are on their way after the file changed. */
  private stalePages = new Map<number, PreviewTile[]>();
  private readonly requested = new Map<number, number>();
  private nextRequestId = 1;
  private readonly tiles = new Map<number, HTMLElement>();
  private columns = 1;
  private active = 0;
  private currentRow: number | undefined;
  private visible = false;
  private frame = 0;
  private restoreScroll: number | undefined;
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: GalleryHost) {
    const filter = host.filter();
    this.restoreScroll = host.scrollTop();
    this.textInput = h('input', {
      type: 'search',
      id: 'gallery-filter-text',
      'data-testid': 'gallery-filter-text',
      placeholder: 'Filter by global key or external ID',
      'aria-label': 'Filter by global key or external ID',
      spellcheck: 'false',
    });
    this.textInput.value = filter.text;
    this.mediaSelect = h(
      'select',
      { id: 'gallery-filter-media', 'data-testid': 'gallery-filter-media', 'aria-label': 'Media type' },
      h('option', { value: '' }, 'All media types'),
      ...MEDIA_TYPES.map((type) => h('option', { value: type }, type)),
    );
    this.mediaSelect.value = filter.mediaType;
    this.problemsBox = h('input', { type: 'checkbox', id: 'gallery-filter-problems', 'data-testid': 'gallery-filter-problems' });
    this.problemsBox.checked = filter.problemsOnly;
    this.count = h('span', { class: 'gallery-count', role: 'status', 'aria-live': 'polite', 'data-testid': 'gallery-count' });
    this.canvas = h('div', { class: 'gallery-canvas' });
    this.empty = h('p', { class: 'empty', hidden: true, 'data-testid': 'gallery-empty' });
    this.scroller = h(
      'div',
      { class: 'gallery-scroller', role: 'listbox', tabindex: 0, 'aria-label': 'Data rows', 'data-testid': 'gallery-grid' },
      this.canvas,
    );
    this.element = h(
      'section',
      { id: 'gallery-view', class: 'gallery-view', role: 'tabpanel', 'aria-labelledby': 'tab-gallery', 'data-testid': 'gallery-view', hidden: true },
      h(
        'div',
        { class: 'gallery-filters', role: 'search' },
        this.textInput,
        this.mediaSelect,
        h('label', { class: 'checkbox' }, this.problemsBox, 'Only rows with problems'),
        this.count,
      ),
      this.empty,
      this.scroller,
    );

    this.textInput.addEventListener('input', () => {
      if (this.textTimer) clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => this.filterChanged(), 150);
    });
    this.mediaSelect.addEventListener('change', () => this.filterChanged());
    this.problemsBox.addEventListener('change', () => this.filterChanged());
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      if (this.saveTimer) clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.host.setScrollTop(this.scroller.scrollTop), 200);
    });
    this.scroller.addEventListener('keydown', (event) => this.onKey(event));
    this.scroller.addEventListener('click', (event) => {
      const tile = (event.target as Element).closest<HTMLElement>('.tile');
      if (tile?.dataset.position) this.open(Number(tile.dataset.position));
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.element.hidden = !visible;
    if (visible) {
      if (this.total < 0) this.requestPage(0);
      this.schedule();
    }
  }

  /** The row the row view shows: marked in the grid, and scrolled to when its place is known. */
  setCurrentRow(index: number | undefined): void {
    this.currentRow = index;
    for (const tile of this.tiles.values()) tile.setAttribute('aria-selected', String(Number(tile.dataset.index) === index));
    const filter = this.host.filter();
    const unfiltered = !filter.text && !filter.mediaType && !filter.problemsOnly;
    if (index !== undefined && unfiltered && this.total > index) {
      this.active = index;
      if (this.visible) this.scrollToPosition(index);
    }
  }

  /** The file changed: fetch the pages in view again, keeping the old tiles until then. */
  invalidate(): void {
    this.stalePages = new Map([...this.stalePages, ...this.pages]);
    this.pages = new Map();
    this.requested.clear();
    if (this.visible) this.schedule();
    else this.total = -1;
  }

  onPage(message: PageMessage): void {
    const page = this.requested.get(message.requestId);
    if (page === undefined) return; // an answer to a request made before the filter changed
    this.requested.delete(message.requestId);
    this.pages.set(page, message.tiles);
    this.stalePages.delete(page);
    const firstAnswer = this.total < 0;
    this.total = message.total;
    this.count.textContent = `${message.total.toLocaleString()} of ${message.rowCount.toLocaleString()} rows`;
    this.empty.hidden = message.total > 0;
    this.empty.textContent = message.rowCount === 0 ? 'This file has no data rows, or it is not checked as an import file.' : 'No rows match the filter.';
    if (firstAnswer && this.restoreScroll !== undefined) {
      this.layoutCanvas();
      this.scroller.scrollTop = this.restoreScroll;
      this.restoreScroll = undefined;
    }
    // Tiles at once, not a frame later: the count never announces rows the grid does not show yet.
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  private filterChanged(): void {
    // A pending text timer would only repeat this request and throw away the tiles it brings.
    if (this.textTimer) clearTimeout(this.textTimer);
    this.textTimer = undefined;
    const filter: GalleryFilter = { text: this.textInput.value.slice(0, 200), mediaType: this.mediaSelect.value, problemsOnly: this.problemsBox.checked };
    const current = this.host.filter();
    if (this.total >= 0 && current.text === filter.text && current.mediaType === filter.mediaType && current.problemsOnly === filter.problemsOnly) return;
    this.host.setFilter(filter);
    this.pages.clear();
    this.stalePages.clear();
    this.requested.clear();
    for (const tile of this.tiles.values()) tile.remove();
    this.tiles.clear();
    this.total = -1;
    this.active = 0;
    this.scroller.scrollTop = 0;
    this.requestPage(0);
  }

  private requestPage(page: number): void {
    if ([...this.requested.values()].includes(page)) return;
    const requestId = this.nextRequestId++;
    this.requested.set(requestId, page);
    this.host.post({ type: 'galleryRequest', requestId, from: page * PAGE_SIZE, count: PAGE_SIZE, filter: this.host.filter() });
  }

  private schedule(): void {
    if (this.frame || !this.visible) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Height of all rows, the height the canvas really gets, and how much one canvas pixel scrolls. */
  private metrics() {
    const viewport = this.scroller.clientHeight;
    const rows = Math.ceil(Math.max(0, this.total) / this.columns);
    const virtual = rows * ROW_HEIGHT + GAP;
    const canvas = Math.min(virtual, MAX_CANVAS_HEIGHT);
    const scale = virtual > canvas && canvas > viewport ? (virtual - viewport) / (canvas - viewport) : 1;
    return { viewport, rows, virtual, canvas, scale };
  }

  private layoutCanvas(): void {
    const width = this.scroller.clientWidth;
    this.columns = Math.max(1, Math.floor((width - GAP) / (TILE_WIDTH + GAP)));
    this.canvas.style.height = `${this.metrics().canvas}px`;
  }

  private render(): void {
    if (!this.visible || this.total < 0) return;
    const columnsBefore = this.columns;
    this.layoutCanvas();
    if (columnsBefore !== this.columns) for (const tile of this.tiles.values()) tile.dataset.key = '';
    const { viewport, rows, scale } = this.metrics();
    const top = this.scroller.scrollTop;
    const virtualTop = top * scale;
    const firstRow = Math.max(0, Math.floor(virtualTop / ROW_HEIGHT) - OVERSCAN_ROWS);
    const lastRow = Math.min(rows - 1, Math.ceil((virtualTop + viewport) / ROW_HEIGHT) + OVERSCAN_ROWS);
    const first = firstRow * this.columns;
    const last = Math.min(this.total - 1, (lastRow + 1) * this.columns - 1);

    for (const [position, tile] of this.tiles) {
      if (position < first || position > last) {
        tile.remove();
        this.tiles.delete(position);
      }
    }
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(Math.max(first, last) / PAGE_SIZE); page++) {
      if (!this.pages.has(page)) this.requestPage(page);
    }
    const width = TILE_WIDTH + GAP;
    for (let position = first; position <= last; position++) {
      const data = this.tileData(position);
      const key = data ? JSON.stringify(data) : 'loading';
      let tile = this.tiles.get(position);
      if (!tile || tile.dataset.key !== key) {
        const fresh = this.buildTile(position, data);
        fresh.dataset.key = key;
        if (tile) tile.replaceWith(fresh);
        else this.canvas.appendChild(fresh);
        tile = fresh;
        this.tiles.set(position, tile);
      }
      const row = Math.floor(position / this.columns);
      const column = position % this.columns;
      const y = row * ROW_HEIGHT - virtualTop + top + GAP;
      tile.style.transform = `translate(${GAP + column * width}px, ${y}px)`;
    }
    this.scroller.setAttribute('aria-activedescendant', this.tiles.has(this.active) ? `tile-${this.active}` : '');
    for (const [position, tile] of this.tiles) tile.classList.toggle('active', position === this.active);
  }

  private buildTile(position: number, tile: PreviewTile | undefined): HTMLElement {
    if (!tile) {
      return h(
        'div',
        { class: 'tile loading', id: `tile-${position}`, role: 'option', 'aria-selected': 'false', 'aria-label': 'Loading…', 'data-position': position },
        h('div', { class: 'thumb' }),
      );
    }
    const label = tile.globalKey ?? tile.externalId ?? `Row ${tile.index + 1}`;
    const thumb = h('div', { class: 'thumb' });
    if (tile.thumb?.src) {
      const image = h('img', { src: tile.thumb.src, alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer', 'data-testid': 'tile-thumb' });
      image.addEventListener('error', () => {
        image.replaceWith(mediaIcon(tile.mediaType));
        thumb.title = `The image could not be loaded. ${tile.thumb?.failHint ?? ''}`;
      });
      thumb.appendChild(image);
    } else {
      thumb.appendChild(mediaIcon(tile.mediaType));
      if (tile.thumb?.blocked) thumb.title = tile.thumb.blocked;
    }
    const problems = tile.errors + tile.warnings;
    const badge = problems
      ? h(
          'span',
          { class: `badge problems-badge ${tile.errors ? 'has-errors' : 'has-warnings'}`, 'data-testid': 'problem-badge', 'aria-hidden': 'true' },
          ...(tile.errors ? [namedIcon('error'), String(tile.errors)] : []),
          ...(tile.warnings ? [namedIcon('warning'), String(tile.warnings)] : []),
        )
      : null;
    // The detail is a server's text: only ever a title and a label (text), never markup.
    const assetBadge = tile.assetProblem
      ? h(
          'span',
          {
            class: 'badge asset-problem-badge',
            'data-testid': 'asset-problem',
            'data-code': tile.assetProblem.code,
            title: `Labelbox may not load this asset: ${tile.assetProblem.detail}`,
          },
          namedIcon('warning'),
          'asset',
        )
      : null;
    const summary = [
      `Row ${tile.index + 1}`,
      label,
      tile.mediaType ? `${tile.mediaType}${tile.mediaTypeInferred ? ' (no media_type)' : ''}` : 'unknown media type',
      tile.errors ? `${tile.errors} error${tile.errors === 1 ? '' : 's'}` : '',
      tile.warnings ? `${tile.warnings} warning${tile.warnings === 1 ? '' : 's'}` : '',
      tile.assetProblem ? `asset not loadable: ${tile.assetProblem.detail}` : '',
    ].filter(Boolean);
    return h(
      'div',
      {
        class: 'tile',
        id: `tile-${position}`,
        role: 'option',
        'aria-selected': String(tile.index === this.currentRow),
        'aria-label': summary.join(', '),
        'data-testid': 'gallery-tile',
        'data-index': tile.index,
        'data-position': position,
        title: label,
      },
      thumb,
      h('div', { class: 'tile-caption' }, label),
      h(
        'div',
        { class: 'tile-meta' },
        `#${(tile.index + 1).toLocaleString()} · `,
        tile.mediaTypeInferred ? h('em', { title: 'No media_type: the type the asset suggests' }, tile.mediaType) : (tile.mediaType ?? 'unknown type'),
      ),
      badge,
      assetBadge,
    );
  }

  private tileData(position: number): PreviewTile | undefined {
    const page = Math.floor(position / PAGE_SIZE);
    return (this.pages.get(page) ?? this.stalePages.get(page))?.[position % PAGE_SIZE];
  }

  private open(position: number): void {
    this.active = position;
    this.schedule();
    const tile = this.tileData(position);
    if (tile) this.host.post({ type: 'reveal', index: tile.index });
  }

  private scrollToPosition(position: number): void {
    this.layoutCanvas();
    const { viewport, scale } = this.metrics();
    const rowTop = Math.floor(position / this.columns) * ROW_HEIGHT;
    const virtualTop = this.scroller.scrollTop * scale;
    let target = virtualTop;
    if (rowTop < virtualTop) target = rowTop;
    else if (rowTop + ROW_HEIGHT + GAP > virtualTop + viewport) target = rowTop + ROW_HEIGHT + GAP - viewport;
    if (target !== virtualTop) this.scroller.scrollTop = target / scale;
    this.schedule();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.total <= 0) return;
    const perPage = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT)) * this.columns;
    const moves = new Map(
      Object.entries({
        ArrowRight: 1,
        ArrowLeft: -1,
        ArrowDown: this.columns,
        ArrowUp: -this.columns,
        PageDown: perPage,
        PageUp: -perPage,
      }),
    );
    let next: number | undefined;
    const move = moves.get(event.key);
    if (move !== undefined) next = this.active + move;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = this.total - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.open(this.active);
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    this.active = Math.min(this.total - 1, Math.max(0, next));
    this.scrollToPosition(this.active);
  }
}
