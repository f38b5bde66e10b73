/**
 * The header's language selector (the USWDS language selector, dropdown form): a button
 * naming "Languages" in the language in use opens the list, each language written in its
 * own words and marked with its `lang`. The choice is remembered in this browser.
 */
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { choose, LANGUAGES } from './locale';

export function LanguageSelector() {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('click', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('click', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  return (
    <div className="usa-language-container mf-language" ref={box}>
      <ul className="usa-language__primary usa-accordion">
        <li className="usa-language__primary-item">
          <button
            type="button"
            className="usa-button usa-language__link"
            aria-expanded={open}
            aria-controls="language-options"
            onClick={() => setOpen(!open)}
          >
            {intl.formatMessage({ id: 'shell.languages' })}
          </button>
          <ul id="language-options" className="usa-language__submenu" hidden={!open}>
            {LANGUAGES.map((l) => (
              <li key={l.code} className="usa-language__submenu-item">
                <button
                  type="button"
                  className="usa-button usa-button--unstyled mf-language__option"
                  lang={l.code}
                  aria-current={l.code === intl.locale ? 'true' : undefined}
                  onClick={() => {
                    choose(l.code);
                    setOpen(false);
                  }}
                >
                  {l.code === intl.locale ? <strong>{l.name}</strong> : l.name}
                </button>
              </li>
            ))}
          </ul>
        </li>
      </ul>
    </div>
  );
}
