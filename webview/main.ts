/**
 * The preview page. It talks to the extension only through postMessage (validated both
 * ways), so it runs the same in VS Code and in a plain browser with a stub of
 * acquireVsCodeApi, which is how the tests drive it.
 */
import 'leaflet/dist/leaflet.css';
import './style.css';
import { EMPTY_FILTER, parseHostMessage, parsePanelState, type PanelState, type WebviewMessage } from '../common/preview/messages';
import { ownValue, setOwnValue } from '../common/ownKeys';
import { h } from './dom';
import { GalleryView } from './galleryView';
import { RowView } from './rowView';
import { getVsCodeApi } from './vscodeApi';

const api = getVsCodeApi();
const restored = parsePanelState(api.getState());
const state: PanelState = restored ?? { uri: '', view: 'row', filter: { ...EMPTY_FILTER }, galleryScrollTop: 0, layers: {} };
let allowScripts = false;

const post = (message: WebviewMessage) => api.postMessage(message);
const save = () => {
  if (state.uri) api.setState(state);
};

const rowView = new RowView(
  {
    post,
    allowScripts: () => allowScripts,
    layer: (url) => ownValue(state.layers, url),
    setLayer: (url, layer) => {
      setOwnValue(state.layers, url, layer);
      // Keep the saved state small: only the last few layers touched.
      const urls = Object.keys(state.layers);
      if (urls.length > 50) Reflect.deleteProperty(state.layers, urls[0]);
      save();
    },
  },
  (row) => {
    if (row) state.rowIndex = row.index;
    gallery.setCurrentRow(row?.index);
    save();
  },
);

const gallery = new GalleryView({
  post,
  filter: () => state.filter,
  setFilter: (filter) => {
    state.filter = filter;
    state.galleryScrollTop = 0;
    save();
  },
  scrollTop: () => state.galleryScrollTop,
  setScrollTop: (top) => {
    state.galleryScrollTop = top;
    save();
  },
});

const fileName = h('span', { class: 'file-name', 'data-testid': 'file-name' });
const lockNote = h(
  'span',
  {
    class: 'lock-note',
    'data-testid': 'preview-locked',
    hidden: true,
    title: 'This preview stays on its file. Labelbox: Toggle Preview Lock lets it follow the editor again.',
  },
  'Locked',
);
const tabRow = h('button', { type: 'button', role: 'tab', id: 'tab-row', 'aria-controls': 'row-view', 'data-testid': 'tab-row' }, 'Row');
const tabGallery = h('button', { type: 'button', role: 'tab', id: 'tab-gallery', 'aria-controls': 'gallery-view', 'data-testid': 'tab-gallery' }, 'Gallery');
const tabs = [tabRow, tabGallery];

function selectView(view: 'row' | 'gallery', focus = false): void {
  state.view = view;
  save();
  tabRow.setAttribute('aria-selected', String(view === 'row'));
  tabGallery.setAttribute('aria-selected', String(view === 'gallery'));
  tabRow.tabIndex = view === 'row' ? 0 : -1;
  tabGallery.tabIndex = view === 'gallery' ? 0 : -1;
  rowView.element.hidden = view !== 'row';
  gallery.setVisible(view === 'gallery');
  document.body.dataset.view = view;
  if (focus) (view === 'row' ? tabRow : tabGallery).focus();
  post({ type: 'view', view });
}

tabRow.addEventListener('click', () => selectView('row'));
tabGallery.addEventListener('click', () => selectView('gallery'));
for (const tab of tabs) {
  // Arrow keys move between tabs, as in VS Code's own tab lists.
  tab.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      selectView(state.view === 'row' ? 'gallery' : 'row', true);
    }
  });
}

const app = document.getElementById('app') ?? document.body;
app.appendChild(
  h('header', { class: 'toolbar' }, h('div', { role: 'tablist', 'aria-label': 'Preview views', class: 'tabs' }, tabRow, tabGallery), fileName, lockNote),
);
app.appendChild(h('main', {}, rowView.element, gallery.element));
selectView(state.view);

/**
 * Whether a message comes from VS Code's host page. VS Code hides window.parent from the page,
 * so the sender is checked the other way round: the page's own origin, and not a frame of the
 * page (HTML attachments, documents), whatever their origin.
 */
function fromHost(event: MessageEvent): boolean {
  if (event.origin !== window.origin || !event.source) return false;
  for (const frame of document.querySelectorAll<HTMLIFrameElement | HTMLObjectElement>('iframe, object')) {
    if (frame.contentWindow && frame.contentWindow === event.source) return false;
  }
  return true;
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!fromHost(event)) return;
  const message = parseHostMessage(event.data);
  if (!message) {
    console.warn('Labelbox preview: ignored a malformed message', event.data);
    return;
  }
  switch (message.type) {
    case 'init': {
      const changed = allowScripts !== message.allowScripts;
      allowScripts = message.allowScripts;
      if (state.uri !== message.uri) {
        // Another file than the one saved: its layers, filter and scroll do not apply.
        if (state.uri) Object.assign(state, { filter: { ...EMPTY_FILTER }, galleryScrollTop: 0, layers: {}, rowIndex: undefined });
        state.uri = message.uri;
      }
      fileName.textContent = message.fileName;
      state.locked = message.locked;
      lockNote.hidden = !message.locked;
      document.title = `Preview ${message.fileName}`;
      save();
      if (changed) rowView.refresh();
      return;
    }
    case 'row':
      rowView.show(message);
      return;
    case 'text':
      rowView.text(message.seq, message.url, message.state);
      return;
    case 'galleryPage':
      gallery.onPage(message);
      return;
    case 'galleryChanged':
      gallery.invalidate();
      return;
  }
});

post(state.rowIndex === undefined ? { type: 'ready' } : { type: 'ready', restoredIndex: state.rowIndex });
