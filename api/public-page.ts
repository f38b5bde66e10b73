/**
 * The small server-rendered pages behind e-mailed one-time links (a reference's answer, a
 * volunteer's address confirmation): no JavaScript and no sign-in, so they work from any
 * phone. Plain semantic HTML (one main landmark, real buttons) in the web app's colours.
 * Callers escape anything they put into `body` that did not come from this code.
 */
export const publicPage = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — mentorflow</title>`
  + '<style>body{font-family:"Source Sans Pro",system-ui,sans-serif;font-size:1.06rem;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:2rem auto;padding:0 1rem}'
  + 'fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:bold;margin-bottom:.5rem}label{display:block;margin:.5rem 0}'
  + 'textarea{width:100%;font:inherit;border:1px solid #565c65;padding:.5rem}button{background:#005ea2;color:#fff;border:0;border-radius:.25rem;padding:.75rem 1.25rem;font:inherit;font-weight:bold;cursor:pointer}'
  + `button:hover{background:#1a4480}:focus{outline:.25rem solid #2491ff;outline-offset:0}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
