/**
 * The relationship-quality instrument the product ships (version 1 of `relationship-quality`),
 * written for mentorflow: eight statements each party rates from 1 (strongly disagree) to 5
 * (strongly agree), two of them reversed, in English and Spanish. Installed in
 * `survey_instruments` the first time the API or an activity needs an instrument; an
 * administrator publishes later versions (docs/processes/match-surveys.md).
 */
import type { SurveyInstrument } from './instrument';

export const RELATIONSHIP_QUALITY = 'relationship-quality';

const item = (id: string, mentor: [string, string], youth: [string, string], reverse = false) => ({
  id,
  text: { mentor: { en: mentor[0], es: mentor[1] }, youth: { en: youth[0], es: youth[1] } },
  ...(reverse ? { reverse } : {}),
});

export const SHIPPED_INSTRUMENT: SurveyInstrument = {
  id: RELATIONSHIP_QUALITY,
  version: 1,
  scale: {
    min: 1,
    max: 5,
    minLabel: { en: 'Strongly disagree', es: 'Muy en desacuerdo' },
    maxLabel: { en: 'Strongly agree', es: 'Muy de acuerdo' },
  },
  items: [
    item(
      'trust',
      ['My mentee and I trust each other.', 'Mi aprendiz y yo nos tenemos confianza.'],
      ['My mentor and I trust each other.', 'Mi mentor y yo nos tenemos confianza.'],
    ),
    item(
      'listened',
      ['My mentee tells me about things that matter to them.', 'Mi aprendiz me cuenta cosas que le importan.'],
      [
        'My mentor listens when I talk about things that matter to me.',
        'Mi mentor me escucha cuando le hablo de cosas que me importan.',
      ],
    ),
    item(
      'enjoy',
      ['We enjoy the time we spend together.', 'Disfrutamos el tiempo que pasamos juntos.'],
      ['I enjoy the time I spend with my mentor.', 'Disfruto el tiempo que paso con mi mentor.'],
    ),
    item(
      'choices',
      ['We decide together what we do when we meet.', 'Decidimos juntos qué hacer cuando nos vemos.'],
      ['My mentor asks what I want to do when we meet.', 'Mi mentor me pregunta qué quiero hacer cuando nos vemos.'],
    ),
    item(
      'help',
      [
        'I am able to help my mentee with things that are hard for them.',
        'Puedo ayudar a mi aprendiz con cosas que le resultan difíciles.',
      ],
      [
        'My mentor helps me with things that are hard for me.',
        'Mi mentor me ayuda con cosas que me resultan difíciles.',
      ],
    ),
    item(
      'reliable',
      [
        'I keep the meetings and promises I make to my mentee.',
        'Cumplo las reuniones y las promesas que le hago a mi aprendiz.',
      ],
      ['My mentor shows up when they say they will.', 'Mi mentor llega cuando dice que va a llegar.'],
    ),
    item(
      'awkward',
      [
        'Our time together often feels awkward or forced.',
        'Nuestro tiempo juntos a menudo se siente incómodo o forzado.',
      ],
      ['Spending time with my mentor often feels awkward.', 'Pasar tiempo con mi mentor a menudo se siente incómodo.'],
      true,
    ),
    item(
      'giving_up',
      ['I sometimes think about ending the match.', 'A veces pienso en terminar la relación de mentoría.'],
      ['I sometimes wish I did not have a mentor.', 'A veces quisiera no tener un mentor.'],
      true,
    ),
  ],
  bands: [
    { band: 'strong', from: 75 },
    { band: 'fair', from: 50 },
    { band: 'weak', from: 0 },
  ],
};
