/**
 * The text documents of the example media: plain texts, HTML pages (self-contained: the
 * preview shows them in a sandbox without scripts), conversation files, and the HTML that
 * makeExampleMedia.ts prints to PDF. All invented, and marked as such.
 */

const NOTE = 'Synthetic example made by scripts/makeExampleMedia.ts: names, places and numbers are invented.';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 16px; color: #1f2a22; background: #fbfbf7; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  table { border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid #c9cfc4; padding: 3px 8px; text-align: left; }
  th { background: #e7eede; }
  .note { color: #66705f; font-size: 12px; }
  .price { font-size: 22px; font-weight: 700; color: #2d6a2f; }
  .badge { display: inline-block; background: #2d6a2f; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 12px; }
</style>
</head>
<body>
${body}
<p class="note">${NOTE}</p>
</body>
</html>
`;
}

export const REPORT_TXT = `Agronomist report, plot 14 (maize), 2 May 2024

Emergence is even across the plot except for two gaps in rows 3 and 7, where the
planter skipped. Leaves are at the 4-5 leaf stage. The soil-moisture overlay shows
the wet patch along the east ditch; do not label standing water there as crop damage.

Recommendation: re-seed the gaps by hand this week; no spraying needed.

${NOTE}
`;

export const TERMS_TXT = `EXAMPLE LAB - TERMS OF SERVICE (2024)

1. Who we are. Example Lab is a made-up company used to show how text data rows look.
2. Your account. Keep your password to yourself. Tell us at once if someone else uses it.
3. Orders. An order is confirmed when we send the confirmation e-mail, not before.
4. Deliveries. We deliver within 5 working days. Late deliveries are refunded in full.
5. Returns. You may return any item within 30 days, in its original packaging.
6. Changes. We will tell you about changes to these terms 30 days before they apply.

${NOTE}
`;

export const FLIGHT_LOG_HTML = page(
  'Flight 07 log',
  `<h1>Flight 07 <span class="badge">completed</span></h1>
<p>4 May 2024, 06:28-06:41 UTC, field block B. Altitude 60 m, ground sampling distance 1.6 cm/px.</p>
<table>
  <tr><th>Time (UTC)</th><th>Event</th><th>Battery</th></tr>
  <tr><td>06:28:10</td><td>Take-off</td><td>98 %</td></tr>
  <tr><td>06:30:00</td><td>Frame 0001, start of the survey line</td><td>95 %</td></tr>
  <tr><td>06:30:02</td><td>Frame 0002</td><td>95 %</td></tr>
  <tr><td>06:39:45</td><td>Survey complete, 212 frames</td><td>61 %</td></tr>
  <tr><td>06:41:02</td><td>Landed</td><td>58 %</td></tr>
</table>`,
);

export const ORCHARD_GUIDE_HTML = page(
  'Orchard north: labeling guide',
  `<h1>Orchard north: labeling guide</h1>
<ol>
  <li>Draw one polygon per tree canopy, following the outer leaves.</li>
  <li>Mark trees with yellow spotting on the leaves as <b>disease suspected</b>.</li>
  <li>Use the NDVI overlay to tell canopy from grass between the rows.</li>
  <li>Skip trees cut by the image border.</li>
</ol>`,
);

export const PRODUCT_PAGE_HTML = page(
  'Garden hose, 25 m',
  `<h1>Garden hose, 25 m <span class="badge">in stock</span></h1>
<p class="price">€ 24.90</p>
<p>Kink-free hose with brass fittings. Rated to 20 bar, UV resistant, 3-year warranty.</p>
<table>
  <tr><th>Length</th><td>25 m</td></tr>
  <tr><th>Diameter</th><td>1/2 inch (13 mm)</td></tr>
  <tr><th>Weight</th><td>3.2 kg</td></tr>
</table>
<p><b>Reviews</b> (4.2 of 5): "Does not kink, as promised." "The reel is sold separately."</p>`,
);

interface Message {
  messageId: string;
  timestampUsec: number;
  content: string;
  user: { userId: string; name: string };
  align: 'left' | 'right';
  canLabel: boolean;
}

function conversation(lines: Array<[who: 'customer' | 'agent', text: string]>, start: number): string {
  const messages: Message[] = lines.map(([who, content], index) => ({
    messageId: `m${index}`,
    timestampUsec: start + index * 45_000_000,
    content,
    user: who === 'customer' ? { userId: 'cust-12', name: 'Customer' } : { userId: 'agent-3', name: 'Agent' },
    align: who === 'customer' ? 'right' : 'left',
    canLabel: who === 'customer',
  }));
  return `${JSON.stringify({ type: 'application/vnd.labelbox.conversational', version: 1, messages }, null, 2)}\n`;
}

export const SUPPORT_CHAT_43_JSON = conversation(
  [
    ['customer', 'Hi, the pears I ordered arrived bruised.'],
    ['agent', 'I am sorry! Could you send a photo of the box?'],
    ['customer', 'Sent. Half of them have brown spots.'],
    ['agent', 'Thank you. A replacement box ships tomorrow, free of charge.'],
  ],
  1_530_720_000_000_000,
);

export const SUPPORT_0042_JSON = conversation(
  [
    ['customer', 'Can I change the delivery address of order 0042?'],
    ['agent', 'Yes, until it ships. What is the new address?'],
    ['customer', '12 Example Street, Springfield.'],
    ['agent', 'Done. You will get a new confirmation e-mail in a minute.'],
    ['customer', 'Got it, thanks!'],
  ],
  1_714_550_400_000_000,
);

/** HTML printed to PDF (A5) by Chromium. */
export const SURVEY_PROTOCOL_PDF_HTML = page(
  'Field survey protocol',
  `<h1>Field survey protocol, season 2024</h1>
<p>Photos are taken at 1.5 m above the canopy, facing along the rows, between 07:00 and 10:00.</p>
<table>
  <tr><th>Step</th><th>What</th></tr>
  <tr><td>1</td><td>Walk to the plot marker; photograph the marker first.</td></tr>
  <tr><td>2</td><td>Take one photo per row end, camera level.</td></tr>
  <tr><td>3</td><td>Fly the NDVI camera along the same rows within the hour.</td></tr>
  <tr><td>4</td><td>Note shadows, lodging and damage in the row's notes.</td></tr>
</table>`,
);

export const LEASE_PDF_HTML = page(
  'Lease agreement 2023',
  `<h1>Lease agreement (2023)</h1>
<p>Between <b>Example Lab Ltd.</b> (the tenant) and <b>Springfield Storage Co.</b> (the landlord).</p>
<p><b>1. Premises.</b> Warehouse unit 7, 1,200 m², at 40 Harbour Road.</p>
<p><b>2. Term.</b> From 1 January 2023 to 31 December 2025.</p>
<p><b>3. Rent.</b> 4,800 per month, payable in advance on the first day of each month.</p>
<p><b>4. Repairs.</b> The landlord keeps the roof and the structure in repair; the tenant the inside.</p>`,
);
