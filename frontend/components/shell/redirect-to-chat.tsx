"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RedirectToChat() {
  const router = useRouter();
  useEffect(() => {
    router.replace("/chat/");
  }, [router]);
  return null;
}
