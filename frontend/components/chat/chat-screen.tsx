"use client";

import { useSearchParams } from "next/navigation";
import { ChatConversation } from "./chat-conversation";
import { NewChat } from "./new-chat";

/** `/chat/` starts a new chat; `/chat/?id=…` shows one (query strings keep the export fully static). */
export function ChatScreen() {
  const id = useSearchParams().get("id");
  if (!id) return <NewChat />;
  return <ChatConversation key={id} chatId={id} />;
}
