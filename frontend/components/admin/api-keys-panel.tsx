"use client";

import { useState } from "react";
import { Check, Copy, KeyRound, Plus, X } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState, ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { toast } from "@/hooks/use-toast";
import { EXPIRY_CHOICES, keyStatus, type KeyStatus } from "@/lib/admin/forms";
import { apiKeysApi, type ApiKey, type CreatedApiKey } from "@/lib/api/admin";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/api/auth";
import { toApiError } from "@/lib/api/client";
import { assignableRoles } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/utils";

const OWN_KEY = "api-keys/own";
const ALL_KEY = "api-keys/all";
const STATUS_VARIANT: Record<KeyStatus, "success" | "secondary" | "destructive"> = {
  active: "success",
  expired: "secondary",
  revoked: "destructive",
};

/** The signed-in user's API keys (create, list, revoke); administrators also see everyone's. */
export function ApiKeysPanel() {
  const { me, can } = useMe();
  const own = useApi(OWN_KEY, apiKeysApi.listOwn);
  const admin = can("administer");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  async function revoke(key: ApiKey, any: boolean) {
    if (!window.confirm(`Revoke the key “${key.name}”? Programs using it stop working at once.`)) return;
    try {
      await (any ? apiKeysApi.revokeAny(key.id) : apiKeysApi.revokeOwn(key.id));
      toast({ title: `Key “${key.name}” revoked` });
      await invalidate("api-keys/");
    } catch (e) {
      toast({ title: "Not revoked", description: toApiError(e).message, variant: "destructive" });
    }
  }

  return (
    <div className="flex flex-col gap-5" data-testid="api-keys-panel">
      <CreateKeyForm
        ownRole={me?.role ?? "ADMIN"}
        onCreated={(k) => {
          setCreated(k);
          void invalidate("api-keys/");
        }}
      />
      {created && <SecretOnce created={created} onDone={() => setCreated(null)} />}
      <section className="flex flex-col gap-2" aria-labelledby="own-keys-title">
        <h2 id="own-keys-title" className="font-semibold">
          Your keys
        </h2>
        {own.loading && <LoadingState rows={2} />}
        {own.error && <ErrorState error={own.error} onRetry={() => void own.reload()} title="Could not load your keys" />}
        {own.data && own.data.length === 0 && (
          <EmptyState icon={KeyRound} title="No keys yet" testId="api-keys-empty">
            Create one above for a script or a tool.
          </EmptyState>
        )}
        {own.data && own.data.length > 0 && <KeysTable keys={own.data} testId="own-keys" onRevoke={(k) => void revoke(k, false)} />}
      </section>
      {admin && <AllKeys onRevoke={(k) => void revoke(k, true)} />}
    </div>
  );
}

function AllKeys({ onRevoke }: { onRevoke: (k: ApiKey) => void }) {
  const all = useApi(ALL_KEY, apiKeysApi.listAll);
  return (
    <section className="flex flex-col gap-2" aria-labelledby="all-keys-title">
      <h2 id="all-keys-title" className="font-semibold">
        All keys
      </h2>
      {all.loading && <LoadingState rows={2} />}
      {all.error && <ErrorState error={all.error} onRetry={() => void all.reload()} title="Could not load all keys" />}
      {all.data && all.data.length === 0 && <p className="text-sm text-muted-foreground">Nobody has an API key.</p>}
      {all.data && all.data.length > 0 && <KeysTable keys={all.data} showOwner testId="all-keys" onRevoke={onRevoke} />}
    </section>
  );
}

function CreateKeyForm({ ownRole, onCreated }: { ownRole: Role; onCreated: (k: CreatedApiKey) => void }) {
  const roles = assignableRoles(ownRole);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(ownRole);
  const [expiry, setExpiry] = useState("90");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setSaving(true);
    setError(null);
    try {
      const days = expiry === "" ? undefined : Number(expiry);
      const key = await apiKeysApi.create({ name: name.trim(), role, ...(days ? { expiresInDays: days } : {}) });
      setName("");
      onCreated(key);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New API key</CardTitle>
        <CardDescription>
          Send it as <code className="font-mono">X-Api-Key</code> or <code className="font-mono">Authorization: Bearer</code>.
          A key acts with the role you give it, at most your own.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end" onSubmit={submit} data-testid="create-api-key-form">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="api-key-name">Name</Label>
            <Input
              id="api-key-name"
              data-testid="api-key-name"
              placeholder="e.g. nightly report"
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="api-key-role">Role</Label>
            <NativeSelect id="api-key-role" data-testid="api-key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.filter((r) => roles.includes(r)).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="api-key-expiry">Expires after</Label>
            <NativeSelect id="api-key-expiry" data-testid="api-key-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.label} value={c.days == null ? "" : String(c.days)}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" disabled={saving || !name.trim()} data-testid="create-api-key">
            <Plus /> Create key
          </Button>
        </form>
        {saving && <Spinner className="mt-2" />}
        {error && (
          <p role="alert" className="mt-2 text-sm text-destructive" data-testid="create-api-key-error">
            {error}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

/** The new key's secret, shown this once, with a copy button. */
function SecretOnce({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert variant="warning" data-testid="api-key-created" role="status">
      <KeyRound />
      <AlertTitle>Copy the key “{created.name}” now</AlertTitle>
      <AlertDescription className="flex flex-col gap-2">
        <p>It is shown only this once; Querent keeps only a hash of it.</p>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            readOnly
            aria-label="The new API key"
            className="min-w-0 flex-1 font-mono text-xs"
            data-testid="api-key-secret"
            value={created.key}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button
            size="sm"
            variant="outline"
            data-testid="copy-api-key"
            onClick={() => {
              void navigator.clipboard
                ?.writeText(created.key)
                .then(() => setCopied(true))
                .catch(() => toast({ title: "Copy failed: select the key and copy it by hand", variant: "destructive" }));
            }}
          >
            {copied ? <Check /> : <Copy />} {copied ? "Copied" : "Copy"}
          </Button>
          <Button size="sm" variant="ghost" data-testid="dismiss-api-key" onClick={onDone}>
            <X /> Done
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}

function KeysTable({
  keys,
  showOwner,
  testId,
  onRevoke,
}: {
  keys: ApiKey[];
  showOwner?: boolean;
  testId: string;
  onRevoke: (k: ApiKey) => void;
}) {
  // Fixed per mount: a key that expires while the table is open shows so after the next load.
  const [now] = useState(() => Date.now());
  return (
    <div className="rounded-lg border">
      <Table data-testid={testId}>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            {showOwner && <TableHead>Owner</TableHead>}
            <TableHead>Key</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((k) => {
            const status = keyStatus(k, now);
            return (
              <TableRow key={k.id} data-testid="api-key-row" data-name={k.name} data-status={status}>
                <TableCell className="font-medium">{k.name}</TableCell>
                {showOwner && <TableCell>{k.owner}</TableCell>}
                <TableCell className="font-mono text-xs">{k.prefix ? `${k.prefix}…` : "—"}</TableCell>
                <TableCell>{ROLE_LABELS[k.role]}</TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">{formatDateTime(k.createdAt)}</TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground" data-testid="api-key-last-used">
                  {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "never"}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                  {k.expiresAt ? formatDateTime(k.expiresAt) : "never"}
                </TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[status]} data-testid="api-key-status">
                    {status}
                  </Badge>
                </TableCell>
                <TableCell className="text-right">
                  {status !== "revoked" && (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-destructive hover:text-destructive"
                      data-testid="revoke-api-key"
                      aria-label={`Revoke ${k.name}`}
                      onClick={() => onRevoke(k)}
                    >
                      Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
