"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { LogIn, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/common/states";
import { authApi } from "@/lib/api/auth";
import { toApiError } from "@/lib/api/client";
import { loginErrorMessage, safeNextPath } from "@/lib/auth/login";

/** Username and password; on success the browser goes to `?next=` (a path on this site) or the chat. */
export function LoginScreen() {
  const next = safeNextPath(useSearchParams().get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await authApi.login(username.trim(), password);
      // A full load: every cache and the chat socket start again under the new session.
      window.location.replace(next);
    } catch (err) {
      setError(loginErrorMessage(toApiError(err)));
      setPassword("");
      setBusy(false);
    }
  }

  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/30 p-4" data-testid="login-screen">
      <Card className="w-full max-w-sm">
        <CardHeader className="items-center text-center">
          <Sparkles className="size-8 text-primary" aria-hidden />
          <h1 className="text-xl font-semibold leading-tight tracking-tight">Sign in to Querent</h1>
          <CardDescription>Use the account an administrator gave you.</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="login-username">Username</Label>
              <Input
                id="login-username"
                name="username"
                data-testid="login-username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="login-password">Password</Label>
              <Input
                id="login-password"
                name="password"
                type="password"
                data-testid="login-password"
                autoComplete="current-password"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "login-error" : undefined}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            {error && (
              <p id="login-error" role="alert" className="text-sm text-destructive" data-testid="login-error">
                {error}
              </p>
            )}
            <Button type="submit" disabled={busy || !username.trim() || !password} data-testid="login-submit">
              <LogIn /> Sign in
            </Button>
            {busy && <Spinner label="Signing in…" className="justify-center" />}
          </form>
        </CardContent>
      </Card>
    </main>
  );
}
