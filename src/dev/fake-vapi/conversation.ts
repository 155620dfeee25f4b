/**
 * What an answered fake call "said": a short Hinglish dialogue about the customer's parcel, the summary and
 * structured data an assistant's analysis plan would extract, in VAPI's artifact shapes.
 */

export interface ConversationFacts {
  customerName: string;
  awb: string;
  codAmount: string | null;
  successful: boolean;
}

export interface Conversation {
  messages: Array<{ role: 'bot' | 'user'; message: string; secondsFromStart: number }>;
  /** VAPI's transcript format: one "AI: ..." or "User: ..." line per turn. */
  transcript: string;
  summary: string;
  structuredData: Record<string, unknown>;
}

/** The first of the usual template variable names that carries a value. */
export function pickVariable(values: Record<string, unknown>, names: string[]): string | null {
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

export function factsFromVariables(
  variables: Record<string, unknown>,
  customerName: string | undefined,
  successful: boolean,
): ConversationFacts {
  const awbList = pickVariable(variables, ['awb', 'awbs', 'AWB', 'awbNumber', 'awbList']) ?? 'your parcel';
  return {
    customerName: pickVariable(variables, ['customerName', 'customer_name', 'name']) ?? customerName ?? 'ji',
    awb: awbList,
    codAmount: pickVariable(variables, ['codAmount', 'cod_amount', 'cod']),
    successful,
  };
}

/** "AWB 1234" for a bare number, the AWB as it is when it already says so ("AWB2000001"). */
function parcelName(awb: string): string {
  return /^awb/i.test(awb) ? awb : `AWB ${awb}`;
}

export function conversationFor(facts: ConversationFacts): Conversation {
  const turns: Array<['bot' | 'user', string]> = [
    [
      'bot',
      `Namaste ${facts.customerName} ji, main courier delivery team se bol rahi hoon. Aapka parcel ${parcelName(facts.awb)} aaj delivery ke liye nikla hai.`,
    ],
    ['user', 'Haan ji, boliye.'],
    ['bot', 'Kya aap aaj ghar par available rahenge? Kaunsa time aapke liye theek rahega?'],
  ];
  if (facts.successful) {
    turns.push(['user', 'Haan, shaam 4 se 6 ke beech aa jaiye. Main ghar par hi hoon.']);
    const cod = facts.codAmount ? ` Cash on delivery ke liye ₹${facts.codAmount} tayyar rakhiyega.` : '';
    turns.push(['bot', `Theek hai, 4 se 6 baje ka slot note kar liya hai.${cod} Dhanyavaad!`]);
    turns.push(['user', 'Thank you.']);
  } else {
    turns.push(['user', 'Aaj main bahar hoon, kal bhej dijiye please.']);
    turns.push([
      'bot',
      'Koi baat nahi, main kal ki delivery ke liye request note kar leti hoon. Dhanyavaad!',
    ]);
    turns.push(['user', 'Ok, bye.']);
  }
  let second = 0;
  const messages = turns.map(([role, message]) => {
    second += 4 + Math.round(message.length / 20);
    return { role, message, secondsFromStart: second };
  });
  const transcript = turns
    .map(([role, message]) => `${role === 'bot' ? 'AI' : 'User'}: ${message}`)
    .join('\n');
  const summary = facts.successful
    ? `${facts.customerName} confirmed delivery of ${parcelName(facts.awb)} today between 16:00 and 18:00.`
    : `${facts.customerName} is not available today and asked for ${parcelName(facts.awb)} to be delivered tomorrow.`;
  const structuredData: Record<string, unknown> = facts.successful
    ? { awb: facts.awb, deliveryConfirmed: true, preferredSlot: '16:00-18:00', addressConfirmed: true }
    : { awb: facts.awb, deliveryConfirmed: false, rescheduleRequested: true, preferredDate: 'tomorrow' };
  if (facts.codAmount && facts.successful) structuredData.codAcknowledged = true;
  return { messages, transcript, summary, structuredData };
}
