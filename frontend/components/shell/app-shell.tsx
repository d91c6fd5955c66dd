"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Suspense, useState } from "react";
import {
  BookOpen,
  ClipboardCheck,
  Database,
  Menu,
  MessageSquare,
  Settings as SettingsIcon,
  ShieldCheck,
  Sparkles,
} from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { reviewApi } from "@/lib/api/review";
import { settingsApi } from "@/lib/api/settings";
import type { Capability } from "@/lib/auth/permissions";
import { cn } from "@/lib/utils";
import { ConversationList } from "./conversation-list";
import { UserMenu } from "./user-menu";

const NAV: readonly {
  href: string;
  label: string;
  icon: React.ComponentType<{ className?: string }>;
  testId: string;
  /** Shown only to roles with this capability (the screen would only refuse them). */
  needs?: Capability;
}[] = [
  { href: "/chat/", label: "Chat", icon: MessageSquare, testId: "nav-chat" },
  { href: "/data-sources/", label: "Data sources", icon: Database, testId: "nav-data-sources" },
  { href: "/review/", label: "Validation queue", icon: ClipboardCheck, testId: "nav-review", needs: "review" },
  { href: "/knowledge/", label: "Knowledge base", icon: BookOpen, testId: "nav-knowledge" },
  { href: "/settings/", label: "Settings", icon: SettingsIcon, testId: "nav-settings" },
  { href: "/admin/", label: "Admin", icon: ShieldCheck, testId: "nav-admin", needs: "administer" },
];

function useProjectName(): string {
  const { data } = useApi("settings", settingsApi.get);
  return data?.projectName ?? "Querent";
}

function PendingCount() {
  const { data } = useApi("review?status=PENDING", () => reviewApi.list({ status: "PENDING" }));
  if (!data || data.length === 0) return null;
  return (
    <span
      className="ml-auto rounded-full bg-primary px-1.5 text-[11px] font-semibold leading-5 text-primary-foreground"
      data-testid="pending-count"
      aria-label={`${data.length} pending`}
    >
      {data.length}
    </span>
  );
}

function SidebarContent({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname() ?? "/";
  const projectName = useProjectName();
  const { can } = useMe();
  const onChat = pathname === "/" || pathname.startsWith("/chat");
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex h-14 items-center gap-2 border-b px-4">
        <Sparkles className="size-5 text-primary" aria-hidden />
        <span className="truncate font-semibold" data-testid="project-name">
          {projectName}
        </span>
      </div>
      <nav aria-label="Main" className="flex flex-col gap-0.5 p-2">
        {NAV.filter((n) => !n.needs || can(n.needs)).map(({ href, label, icon: Icon, testId }) => {
          const active = pathname.startsWith(href.replace(/\/$/, "")) || (href === "/chat/" && pathname === "/");
          return (
            <Link
              key={href}
              href={href}
              onClick={onNavigate}
              data-testid={testId}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                active && "bg-accent font-medium text-accent-foreground",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {label}
              {href === "/review/" && <PendingCount />}
            </Link>
          );
        })}
      </nav>
      {onChat ? (
        <div className="flex min-h-0 flex-1 flex-col border-t">
          <Suspense fallback={null}>
            <ConversationList onNavigate={onNavigate} />
          </Suspense>
        </div>
      ) : (
        <div className="flex-1" />
      )}
      <UserMenu onNavigate={onNavigate} />
    </div>
  );
}

/** The frame of every screen: a sidebar on wide screens, a menu sheet on phones. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const projectName = useProjectName();
  return (
    <div className="flex h-dvh overflow-hidden">
      <aside className="hidden w-64 shrink-0 border-r bg-muted/20 md:flex md:flex-col" data-testid="sidebar">
        <SidebarContent />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b px-2 md:hidden">
          <Sheet open={open} onOpenChange={setOpen}>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Open menu"
              data-testid="open-sidebar"
              onClick={() => setOpen(true)}
            >
              <Menu />
            </Button>
            <SheetContent data-testid="sidebar-sheet" aria-describedby={undefined}>
              <SheetTitle className="sr-only">Navigation</SheetTitle>
              <SheetDescription className="sr-only">Screens and conversations</SheetDescription>
              <SidebarContent onNavigate={() => setOpen(false)} />
            </SheetContent>
          </Sheet>
          <span className="truncate font-semibold">{projectName}</span>
        </header>
        <main className="min-h-0 flex-1 overflow-y-auto" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
