/**
 * The first question typed on the "new chat" screen, carried across the navigation to the new
 * chat's page, where it is asked once the chat's session is listening.
 */
const firstQuestions = new Map<string, string>();

export function handOffFirstQuestion(chatId: string, question: string): void {
  firstQuestions.set(chatId, question);
}

export function takeFirstQuestion(chatId: string): string | null {
  const q = firstQuestions.get(chatId) ?? null;
  firstQuestions.delete(chatId);
  return q;
}
