/**
 * The first question typed on the "new chat" screen, carried across the navigation to the new
 * chat's page, where it is asked once the chat's session is listening.
 */
export type FirstQuestion = { question: string; instructions?: string };

const firstQuestions = new Map<string, FirstQuestion>();

export function handOffFirstQuestion(chatId: string, question: string, instructions?: string): void {
  firstQuestions.set(chatId, { question, instructions });
}

export function takeFirstQuestion(chatId: string): FirstQuestion | null {
  const q = firstQuestions.get(chatId) ?? null;
  firstQuestions.delete(chatId);
  return q;
}
