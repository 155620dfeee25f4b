/**
 * The words of a fake answered call, one script per answer the shipped assistant can bring back, in Hinglish
 * (Roman script, as a Hindi conversation reads in the desk) or English: who says what, and the answer the
 * assistant would extract. The opening is the shipped assistant's own first message.
 */
import assistant from '../../../resources/assistant/delivery-confirmation.assistant.json';
import type { AnswerIntent } from '../../main/domain/answer';

export type Speaker = 'bot' | 'user';
export type Turn = [Speaker, string];
export type ConversationLanguage = 'hinglish' | 'english';

export interface ParcelFacts {
  customerName: string;
  /** One AWB or several, comma-separated, as the desk sends `{{awb}}`. */
  awb: string;
  /** Rupees as text; null or "0" for a prepaid parcel. */
  codAmount: string | null;
  /** 'OFD' / 'Undelivered' as the desk sends `{{orderType}}`. */
  orderType?: string | null;
}

/** What the customer asks for, already decided by the caller. */
export interface AskedFor {
  /** YYYY-MM-DD, and how many days after the call it is. */
  date: string;
  daysAhead: number;
  /** HH:MM. */
  time: string;
  address: string;
  landmark: string;
}

/** The structured output's `result`: the fields of resources/assistant's schema. */
export interface AnswerResult {
  intent: AnswerIntent;
  date?: string;
  time?: string;
  address?: string;
  landmark?: string;
  codReady?: boolean;
  notes?: string;
}

export interface Script {
  turns: Turn[];
  result: AnswerResult;
  summary: string;
}

/** "AWB 1234" for a bare number, the AWB as it is when it already says so ("AWB2000001"). */
export function parcelName(awb: string): string {
  return /^awb/i.test(awb) ? awb : `AWB ${awb}`;
}

export function firstMessage(facts: ParcelFacts): string {
  return assistant.firstMessage.replace(/\{\{\s*customerName\s*\}\}/g, facts.customerName);
}

/** The English line or the Hinglish one. */
const en = (language: ConversationLanguage, english: string, hinglish: string) =>
  language === 'english' ? english : hinglish;

const cod = (facts: ParcelFacts) => (facts.codAmount && Number(facts.codAmount) > 0 ? facts.codAmount : null);

function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-IN', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
}

/** "kal" / "parso" / "27 tareekh"; "tomorrow" / "on Friday, 27 November". */
function dayAsSaid(asked: AskedFor, language: ConversationLanguage): string {
  if (language === 'english') {
    return asked.daysAhead === 1
      ? 'tomorrow'
      : asked.daysAhead === 2
        ? 'day after tomorrow'
        : `on ${longDate(asked.date)}`;
  }
  return asked.daysAhead === 1
    ? 'kal'
    : asked.daysAhead === 2
      ? 'parso'
      : `${Number(asked.date.slice(8))} tareekh ko`;
}

/** The day repeated back as a calendar date, as the assistant is told to: "kal, Wednesday, 25 November". */
function agreedDay(asked: AskedFor, language: ConversationLanguage): string {
  const relative =
    asked.daysAhead === 1
      ? en(language, 'tomorrow', 'kal')
      : asked.daysAhead === 2
        ? en(language, 'day after tomorrow', 'parso')
        : null;
  return relative ? `${relative}, ${longDate(asked.date)}` : longDate(asked.date);
}

/** "shaam 5 baje", "saade 4 baje"; "5 pm", "4:30 pm". */
function timeAsSaid(time: string, language: ConversationLanguage): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  if (language === 'english') {
    const suffix = hour < 12 ? 'am' : 'pm';
    return minute === 0 ? `${twelve} ${suffix}` : `${twelve}:${String(minute).padStart(2, '0')} ${suffix}`;
  }
  const part = hour < 12 ? 'subah' : hour < 16 ? 'dopahar' : hour < 20 ? 'shaam' : 'raat';
  const clock =
    minute === 0
      ? `${twelve}`
      : minute === 30
        ? `saade ${twelve}`
        : minute === 15
          ? `sava ${twelve}`
          : `${twelve}:${String(minute).padStart(2, '0')}`;
  return `${part} ${clock} baje`;
}

/** Who picked up, as far as the assistant can tell from the first reply. */
type Listener = 'customer' | 'unsure' | 'stranger';

function opening(facts: ParcelFacts, language: ConversationLanguage, listener: Listener): Turn[] {
  const parcel = parcelName(facts.awb);
  const undelivered = /undeliver|ndr/i.test(facts.orderType ?? '');
  const reply: Turn =
    language === 'english'
      ? ['user', listener === 'customer' ? 'English please.' : 'English. Who is this?']
      : ['user', listener === 'customer' ? 'Hindi mein boliye.' : 'Hindi... aap kaun?'];
  // Parcel details go to the customer only: a stranger is asked who they are first.
  const intro: Turn =
    listener === 'stranger'
      ? [
          'bot',
          en(
            language,
            `This is Priya from the courier delivery team. Am I speaking with ${facts.customerName}?`,
            `Main courier delivery team se Priya bol rahi hoon. Kya meri baat ${facts.customerName} ji se ho rahi hai?`,
          ),
        ]
      : [
          'bot',
          undelivered
            ? en(
                language,
                `Thank you. We could not deliver your parcel ${parcel} last time and would like to try again. Will you be available to receive it?`,
                `Ji, dhanyavaad. Aapka parcel ${parcel} pichhli baar deliver nahi ho paya tha, hum dobara bhejna chahte hain. Kya aap delivery le payenge?`,
              )
            : en(
                language,
                `Thank you. Your parcel ${parcel} is out for delivery today. Will you be available to receive it?`,
                `Ji, dhanyavaad. Aapka parcel ${parcel} aaj delivery ke liye nikla hai. Kya aap aaj ghar par rahenge?`,
              ),
        ];
  return [['bot', firstMessage(facts)], reply, intro];
}

type ScriptMaker = (facts: ParcelFacts, asked: AskedFor, language: ConversationLanguage) => Script;

const SCRIPTS: Record<AnswerIntent, ScriptMaker> = {
  confirmed: (facts, _asked, language) => {
    const amount = cod(facts);
    const turns: Turn[] = [
      [
        'user',
        en(language, "Yes, I'll be at home. Please come.", 'Haan ji, main ghar par hi hoon, aa jaiye.'),
      ],
    ];
    if (amount) {
      turns.push(
        [
          'bot',
          en(
            language,
            `Please keep ${amount} rupees ready, cash or UPI.`,
            `Cash on delivery ke liye ${amount} rupaye ready rakhiyega, cash ya UPI dono chalega.`,
          ),
        ],
        ['user', en(language, "Sure, it's ready.", 'Haan, ready hai.')],
      );
    }
    turns.push(
      [
        'bot',
        en(
          language,
          'Great, the delivery partner will call before arriving. Thank you!',
          'Theek hai, delivery partner aane se pehle aapko call karega. Dhanyavaad!',
        ),
      ],
      ['user', en(language, 'Thank you.', 'Thank you.')],
    );
    return {
      turns,
      result: { intent: 'confirmed', ...(amount ? { codReady: true } : {}) },
      summary: `${facts.customerName} confirmed delivery of ${parcelName(facts.awb)}${amount ? ` and will keep ${amount} rupees ready` : ''}.`,
    };
  },
  reschedule: (facts, asked, language) => ({
    turns: [
      [
        'user',
        en(
          language,
          `I'm not at home today. Can you deliver it ${dayAsSaid(asked, language)}?`,
          `Aaj main bahar hoon, ${dayAsSaid(asked, language)} bhej dijiye please.`,
        ),
      ],
      [
        'bot',
        en(
          language,
          `Sure, I have noted delivery for ${agreedDay(asked, language)}. Thank you!`,
          `Theek hai, ${agreedDay(asked, language)} ki delivery note kar li hai. Dhanyavaad!`,
        ),
      ],
      ['user', en(language, 'Okay, bye.', 'Ok, bye.')],
    ],
    result: { intent: 'reschedule', date: asked.date },
    summary: `${facts.customerName} is not available and asked for ${parcelName(facts.awb)} to be delivered on ${longDate(asked.date)}.`,
  }),
  callback: (facts, asked, language) => ({
    turns: [
      [
        'user',
        en(
          language,
          `I'm in a meeting right now. Can you call me at ${timeAsSaid(asked.time, language)}?`,
          `Abhi main meeting mein hoon, ${timeAsSaid(asked.time, language)} call kar lijiye.`,
        ),
      ],
      [
        'bot',
        en(
          language,
          `Of course, we will call you at ${timeAsSaid(asked.time, language)}. Thank you!`,
          `Ji zaroor, hum aapko ${timeAsSaid(asked.time, language)} call karenge. Dhanyavaad!`,
        ),
      ],
    ],
    result: { intent: 'callback', time: asked.time },
    summary: `${facts.customerName} was busy and asked to be called back at ${asked.time}.`,
  }),
  'address-change': (facts, asked, language) => ({
    turns: [
      [
        'user',
        en(
          language,
          "I won't be at home. Please deliver it to my office instead.",
          'Main ghar par nahi rahunga, office pe bhej dijiye.',
        ),
      ],
      [
        'bot',
        en(
          language,
          'Sure. Please tell me the full address with the PIN code, and a landmark.',
          'Zaroor. Naya address bataiye, makaan number, area, city aur PIN code ke saath, aur koi landmark.',
        ),
      ],
      [
        'user',
        en(
          language,
          `${asked.address}. It is near ${asked.landmark}.`,
          `${asked.address}. ${asked.landmark} ke paas.`,
        ),
      ],
      [
        'bot',
        en(
          language,
          `Noted: ${asked.address}, near ${asked.landmark}. Thank you!`,
          `Note kar liya: ${asked.address}, ${asked.landmark} ke paas. Dhanyavaad!`,
        ),
      ],
    ],
    result: { intent: 'address-change', address: asked.address, landmark: asked.landmark },
    summary: `${facts.customerName} asked for ${parcelName(facts.awb)} to be delivered to ${asked.address} (near ${asked.landmark}).`,
  }),
  cancel: (facts, _asked, language) => ({
    turns: [
      [
        'user',
        en(
          language,
          "I don't want this parcel, I cancelled the order.",
          'Mujhe yeh parcel nahi chahiye, maine order cancel kar diya tha.',
        ),
      ],
      ['bot', en(language, 'I understand. May I know why?', 'Samajh gayi. Kya main kaaran jaan sakti hoon?')],
      ['user', en(language, 'I ordered it by mistake.', 'Galti se order ho gaya tha.')],
      [
        'bot',
        en(
          language,
          'Okay, we will inform the seller. Thank you.',
          'Theek hai, hum seller ko bata denge. Dhanyavaad.',
        ),
      ],
    ],
    result: { intent: 'cancel', notes: 'Ordered by mistake; does not want the parcel.' },
    summary: `${facts.customerName} does not want ${parcelName(facts.awb)} (ordered by mistake).`,
  }),
  'wrong-number': (facts, _asked, language) => ({
    turns: [
      [
        'user',
        en(
          language,
          `No, there is no ${facts.customerName} here. Wrong number.`,
          `Nahi, yahan koi ${facts.customerName} nahi rehta. Wrong number hai.`,
        ),
      ],
      [
        'bot',
        en(
          language,
          'Sorry to have troubled you. Thank you.',
          'Maaf kijiye, aapko pareshan kiya. Dhanyavaad.',
        ),
      ],
    ],
    result: { intent: 'wrong-number', notes: `The person who answered does not know ${facts.customerName}.` },
    summary: `The person who answered does not know ${facts.customerName}: wrong number.`,
  }),
  unclear: (facts, _asked, language) => ({
    turns: [
      ['user', en(language, 'Hello? I can barely hear you...', 'Hello? Awaaz kat rahi hai...')],
      [
        'bot',
        en(
          language,
          'Can you hear me now? Will you be available for the delivery?',
          'Kya aap mujhe sun pa rahe hain? Kya aap delivery le payenge?',
        ),
      ],
      ['user', en(language, 'Hello? ... Later.', 'Hello? ... baad mein.')],
    ],
    result: { intent: 'unclear', notes: 'Bad line; no clear answer.' },
    summary: `The line was poor and no clear answer about ${parcelName(facts.awb)} could be taken.`,
  }),
};

/** The dialogue and the answer for `intent`. */
export function scriptFor(
  intent: AnswerIntent,
  facts: ParcelFacts,
  asked: AskedFor,
  language: ConversationLanguage,
): Script {
  const script = SCRIPTS[intent](facts, asked, language);
  const listener = intent === 'wrong-number' ? 'stranger' : intent === 'unclear' ? 'unsure' : 'customer';
  return { ...script, turns: [...opening(facts, language, listener), ...script.turns] };
}
