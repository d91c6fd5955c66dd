"use client";

import { useState } from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { useApi } from "@/hooks/use-api";
import { useMe } from "@/hooks/use-me";
import { DEFAULT_PROJECT_ID, projectsApi, type Project } from "@/lib/api/admin";
import { toApiError, type ApiError } from "@/lib/api/client";
import { dataSourcesApi, type Connector, type DataSource } from "@/lib/api/datasources";

function initialValues(connector: Connector | undefined, existing?: DataSource): Record<string, string> {
  const v: Record<string, string> = {};
  for (const f of connector?.fields ?? []) {
    v[f.key] = f.secret ? "" : (existing?.settings[f.key] ?? f.defaultValue ?? "");
  }
  return v;
}

/** The project a new source goes to unless the administrator picks another: the default one, else the first. */
function initialProject(projects: Project[] | undefined): string | null {
  if (!projects || projects.length === 0) return null;
  return projects.find((p) => p.id === DEFAULT_PROJECT_ID)?.id ?? projects[0].id;
}

/**
 * Add or edit a data source. The form is built from the connector's declared fields; secret fields
 * are password inputs and are never filled from the server (it never sends them back).
 */
export function DataSourceForm({
  existing,
  onSaved,
  onCancel,
}: {
  existing?: DataSource;
  onSaved: (ds: DataSource) => void;
  onCancel: () => void;
}) {
  const { data: connectors, error, loading, reload } = useApi("connectors", dataSourcesApi.connectors);
  if (loading) return <LoadingState rows={3} />;
  if (error) return <ErrorState error={error} onRetry={() => void reload()} title="Could not load connector types" />;
  if (!connectors || connectors.length === 0) {
    return <ErrorState error={{ message: "The server offers no connector types." }} title="No connectors" />;
  }
  return <ConnectorForm connectors={connectors} existing={existing} onSaved={onSaved} onCancel={onCancel} />;
}

function ConnectorForm({
  connectors,
  existing,
  onSaved,
  onCancel,
}: {
  connectors: Connector[];
  existing?: DataSource;
  onSaved: (ds: DataSource) => void;
  onCancel: () => void;
}) {
  const [type, setType] = useState(existing?.type ?? connectors[0].type);
  const connector = connectors.find((c) => c.type === type);
  const [name, setName] = useState(existing?.name ?? "");
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(connector, existing));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const { can } = useMe();
  // Only administrators list projects; everyone else's new sources go to the default project.
  const projects = useApi(!existing && can("administer") ? "admin/projects" : null, projectsApi.list);
  const [projectId, setProjectId] = useState<string | null>(null);
  const chosenProject = projectId ?? initialProject(projects.data);

  function changeType(next: string) {
    setType(next);
    setValues(initialValues(connectors.find((c) => c.type === next)));
  }

  const missing = (connector?.fields ?? []).filter(
    (f) => f.required && !values[f.key]?.trim() && !(f.secret && existing?.secretKeys.includes(f.key)),
  );

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!connector || !name.trim() || missing.length) return;
    setSaving(true);
    setSaveError(null);
    const settings: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const f of connector.fields) {
      const v = values[f.key] ?? "";
      if (f.secret) {
        if (v) secrets[f.key] = v;
      } else if (v !== "") settings[f.key] = v;
    }
    try {
      const ds = existing
        ? await dataSourcesApi.update(existing.id, {
            name: name.trim(),
            settings,
            ...(Object.keys(secrets).length ? { secrets } : {}),
          })
        : await dataSourcesApi.create({ name: name.trim(), type, settings, secrets, ...(chosenProject ? { projectId: chosenProject } : {}) });
      onSaved(ds);
    } catch (err) {
      setSaveError(toApiError(err));
      setSaving(false);
    }
  }

  return (
    <form
      className="flex flex-col gap-4"
      data-testid="datasource-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="ds-type">Type</Label>
          <NativeSelect
            id="ds-type"
            data-testid="ds-type"
            value={type}
            disabled={!!existing}
            onChange={(e) => changeType(e.target.value)}
          >
            {connectors.map((c) => (
              <option key={c.type} value={c.type}>
                {c.type}
                {c.dialect ? ` (${c.dialect})` : ""}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="ds-name">
            Name <span className="text-destructive">*</span>
          </Label>
          <Input
            id="ds-name"
            data-testid="ds-name"
            required
            autoFocus
            value={name}
            placeholder="e.g. Shop analytics"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        {projects.data && projects.data.length > 0 && (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="ds-project">Project</Label>
            <NativeSelect
              id="ds-project"
              data-testid="ds-project"
              value={chosenProject ?? ""}
              aria-describedby="ds-project-hint"
              onChange={(e) => setProjectId(e.target.value)}
            >
              {projects.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
            <p id="ds-project-hint" className="text-xs text-muted-foreground">
              Only the project&apos;s members will see this data source.
            </p>
          </div>
        )}
        {connector?.fields.map((f) => {
          const isSet = f.secret && existing?.secretKeys.includes(f.key);
          return (
            <div key={`${type}:${f.key}`} className="flex flex-col gap-1.5">
              <Label htmlFor={`ds-field-${f.key}`} className="flex items-center gap-1">
                {f.secret && <KeyRound className="size-3.5 text-muted-foreground" aria-hidden />}
                {f.label || f.key}
                {f.required && !isSet && <span className="text-destructive">*</span>}
              </Label>
              <Input
                id={`ds-field-${f.key}`}
                data-testid={`ds-field-${f.key}`}
                data-field-key={f.key}
                type={f.secret ? "password" : "text"}
                autoComplete={f.secret ? "new-password" : "off"}
                required={f.required && !isSet}
                placeholder={isSet ? "•••••• (set — leave blank to keep)" : (f.defaultValue ?? "")}
                value={values[f.key] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            </div>
          );
        })}
      </div>
      {saveError && <ErrorState error={saveError} title="Could not save the data source" />}
      <div className="flex items-center gap-2">
        <Button type="submit" data-testid="ds-save" disabled={saving || !name.trim() || missing.length > 0}>
          {existing ? "Save changes" : "Add data source"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        {saving && <Spinner label="Saving…" />}
      </div>
    </form>
  );
}
