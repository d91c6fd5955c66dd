import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatScreen } from "@/components/chat/chat-screen";
import { LoadingState } from "@/components/common/states";

export const metadata: Metadata = { title: "Chat" };

export default function ChatPage() {
  return (
    <Suspense fallback={<LoadingState className="p-6" />}>
      <ChatScreen />
    </Suspense>
  );
}
