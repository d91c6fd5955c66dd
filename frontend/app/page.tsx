import Link from "next/link";
import { RedirectToChat } from "@/components/shell/redirect-to-chat";

/** The static root forwards to the chat screen (a client-side redirect: there is no server). */
export default function Home() {
  return (
    <main className="flex h-dvh items-center justify-center p-6 text-sm text-muted-foreground">
      <RedirectToChat />
      <Link className="underline" href="/chat/">
        Open Querent
      </Link>
    </main>
  );
}
