/**
 * The self-assessment question bank's shape, grouped under the six standards of the Elements
 * of Effective Practice for Mentoring, and its version 1: the 18 questions the product asked
 * before banks were versioned data. Version 1 stays here, frozen: it is what a case carries
 * when it started without a bank in its input (docs/processes/certification.md, "The question
 * bank"). Later versions live in the `question_banks` table; the product's full bank ships as
 * question-bank-v2.json beside this file.
 */
export const STANDARDS = [
  'recruitment',
  'screening',
  'training',
  'matching_and_initiating',
  'monitoring_and_support',
  'closure',
] as const;
export type Standard = (typeof STANDARDS)[number];

/** The answer types a question may have, with the responses each admits. */
export const ANSWER_TYPES = { yes_partially_no: ['yes', 'partially', 'no'] } as const;
export type AnswerType = keyof typeof ANSWER_TYPES;
export const ANSWER_TYPE_NAMES = Object.keys(ANSWER_TYPES) as [AnswerType, ...AnswerType[]];

/**
 * A question: answered with one of its answer type's responses, with evidence; not scored.
 * `text` is its English wording, the one every bank has; `translations` its wording in the
 * other languages the product speaks, by language code (`{ es: '…' }`). A person sees the
 * wording of their language, or the English one when the bank has none in it.
 */
export interface Question {
  id: string;
  standard: Standard;
  text: string;
  translations?: Partial<Record<string, string>>;
  answerType: AnswerType;
}

/** One version of the bank, as a case carries it in its input. */
export interface QuestionBank {
  version: number;
  questions: Question[];
}

/** Version 1's questions in Spanish, by id (their `translations.es`). */
const V1_SPANISH: Record<string, string> = {
  'rec-1':
    '¿Describe el programa por escrito a los posibles mentores lo que espera de ellos: tiempo, duración del compromiso y actividades?',
  'rec-2':
    '¿Recluta el programa mentores cuyos antecedentes y habilidades se ajustan a los jóvenes que atiende, y lleva la cuenta de dónde vienen sus voluntarios?',
  'rec-3':
    '¿Explica el programa con claridad a los jóvenes y a las familias lo que la mentoría puede y no puede ofrecer antes de que se inscriban?',
  'scr-1':
    '¿Completa cada mentor una solicitud por escrito y una entrevista en persona antes de cualquier contacto con un joven?',
  'scr-2':
    '¿Se completan las verificaciones de antecedentes penales y del registro de abuso infantil de cada mentor, y las revisa un miembro del personal designado?',
  'scr-3': '¿Se comunica el programa con las referencias y guarda constancia de lo que dijeron?',
  'trn-1': '¿Recibe cada mentor, antes de ser emparejado, una capacitación de una duración mínima fijada?',
  'trn-2':
    '¿Cubre la capacitación las reglas del programa, la seguridad infantil y las obligaciones de denuncia, y cómo construir una relación?',
  'trn-3': '¿Reciben los jóvenes y sus familias una orientación sobre el programa antes del primer encuentro?',
  'mat-1':
    '¿Se hacen los emparejamientos según criterios escritos, como intereses, ubicación, disponibilidad y las preferencias del joven y de la familia?',
  'mat-2':
    '¿Organiza el personal del programa el primer encuentro y asiste a él, con el compromiso firmado por el mentor, el joven y el tutor?',
  'mat-3': '¿Registra el programa por qué se hizo cada emparejamiento?',
  'mon-1':
    '¿Se comunica el personal con el mentor, el joven y la familia según un calendario fijo, y registra cada contacto?',
  'mon-2':
    '¿Hay un procedimiento escrito para responder a las preocupaciones de seguridad que surjan durante un emparejamiento?',
  'mon-3':
    '¿Ofrece el programa a los mentores capacitación continua, recursos o reconocimiento durante el emparejamiento?',
  'clo-1': '¿Tiene el programa un procedimiento escrito para terminar un emparejamiento, previsto o imprevisto?',
  'clo-2': '¿Mantiene el personal una conversación de cierre con el mentor y con el joven, y la registra?',
  'clo-3':
    '¿Informa el programa a los mentores y a las familias de qué contacto, si acaso alguno, se permite cuando termina un emparejamiento?',
};

/** Version 1, frozen: the 18 questions of every case started before banks were versioned. */
export const QUESTIONS: Question[] = (
  [
    {
      id: 'rec-1',
      standard: 'recruitment',
      text: 'Does the program describe to prospective mentors, in writing, what it expects of them: time, length of commitment and activities?',
    },
    {
      id: 'rec-2',
      standard: 'recruitment',
      text: 'Does the program recruit mentors whose backgrounds and skills fit the youth it serves, and track where its volunteers come from?',
    },
    {
      id: 'rec-3',
      standard: 'recruitment',
      text: 'Does the program tell youth and families plainly what mentoring can and cannot offer before they enroll?',
    },
    {
      id: 'scr-1',
      standard: 'screening',
      text: 'Does every mentor complete a written application and an in-person interview before any contact with a youth?',
    },
    {
      id: 'scr-2',
      standard: 'screening',
      text: 'Are criminal-record and child-abuse registry checks completed, and reviewed by a named staff member, for every mentor?',
    },
    {
      id: 'scr-3',
      standard: 'screening',
      text: 'Does the program contact references and keep a record of what they said?',
    },
    {
      id: 'trn-1',
      standard: 'training',
      text: 'Does every mentor receive pre-match training of a set minimum length before being matched?',
    },
    {
      id: 'trn-2',
      standard: 'training',
      text: 'Does training cover program rules, child-safety and reporting duties, and how to build a relationship?',
    },
    {
      id: 'trn-3',
      standard: 'training',
      text: 'Are youth and their families oriented to the program before the first meeting?',
    },
    {
      id: 'mat-1',
      standard: 'matching_and_initiating',
      text: 'Are matches made on written criteria such as interests, location, availability and the preferences of youth and family?',
    },
    {
      id: 'mat-2',
      standard: 'matching_and_initiating',
      text: 'Is the first meeting arranged and attended by program staff, with the commitment signed by mentor, youth and guardian?',
    },
    { id: 'mat-3', standard: 'matching_and_initiating', text: 'Does the program record why each match was made?' },
    {
      id: 'mon-1',
      standard: 'monitoring_and_support',
      text: 'Does staff contact the mentor, the youth and the family on a regular schedule, and record each contact?',
    },
    {
      id: 'mon-2',
      standard: 'monitoring_and_support',
      text: 'Is there a written procedure for responding to safety concerns raised during a match?',
    },
    {
      id: 'mon-3',
      standard: 'monitoring_and_support',
      text: 'Does the program offer mentors ongoing training, resources or recognition during the match?',
    },
    {
      id: 'clo-1',
      standard: 'closure',
      text: 'Does the program have a written procedure for ending a match, planned or unplanned?',
    },
    {
      id: 'clo-2',
      standard: 'closure',
      text: 'Does staff hold a closing conversation with the mentor and with the youth and record it?',
    },
    {
      id: 'clo-3',
      standard: 'closure',
      text: 'Does the program tell mentors and families what contact, if any, is allowed after a match ends?',
    },
  ] as Omit<Question, 'answerType'>[]
).map((q) => ({ ...q, translations: { es: V1_SPANISH[q.id]! }, answerType: 'yes_partially_no' }));

export const QUESTION_BANK_V1: QuestionBank = { version: 1, questions: QUESTIONS };
