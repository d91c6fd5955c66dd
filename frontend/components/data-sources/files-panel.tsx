"use client";

import { useRef, useState, type DragEvent } from "react";
import { FileSpreadsheet, Upload } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ErrorState, LoadingState, Spinner } from "@/components/common/states";
import { invalidate, useApi } from "@/hooks/use-api";
import { toast } from "@/hooks/use-toast";
import { toApiError } from "@/lib/api/client";
import { describeFilesChanged, filesApi, type FileTable } from "@/lib/api/datasources";
import { cn } from "@/lib/utils";

function megabytes(bytes: number | null | undefined): string {
  return bytes == null ? "" : `${Math.round((bytes / (1 << 20)) * 10) / 10} MB`;
}

/**
 * The tables of a `files` data source: drop files (or pick them) to add tables or a new version of
 * one (same file name), see each column's inferred type and change it.
 */
export function FilesPanel({ dataSourceId, manage }: { dataSourceId: string; manage: boolean }) {
  const key = `files/${dataSourceId}`;
  const view = useApi(key, () => filesApi.list(dataSourceId));
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  // A count, not a flag: a file dropped while another is loading is its own upload.
  const [uploads, setUploads] = useState(0);
  const uploading = uploads > 0;
  const [retyping, setRetyping] = useState<string | null>(null);

  async function refresh() {
    await Promise.all([invalidate(key), invalidate(`schema/${dataSourceId}`), invalidate(`relationships/${dataSourceId}`)]);
  }

  async function upload(files: File[]) {
    if (!files.length) return;
    setUploads((n) => n + 1);
    try {
      const result = await filesApi.upload(dataSourceId, files);
      await refresh();
      toast({ title: "Files loaded", description: describeFilesChanged(result), variant: "success" });
    } catch (e) {
      toast({ title: "Upload refused", description: toApiError(e).message, variant: "destructive" });
    } finally {
      setUploads((n) => n - 1);
      if (input.current) input.current.value = "";
    }
  }

  async function retype(table: FileTable, column: string, type: string) {
    setRetyping(`${table.table}.${column}`);
    try {
      const result = await filesApi.retype(dataSourceId, table.table, column, type);
      await refresh();
      toast({ title: `${table.table}.${column} is now ${type}`, description: describeFilesChanged(result), variant: "success" });
    } catch (e) {
      toast({ title: "Type not changed", description: toApiError(e).message, variant: "destructive" });
      await invalidate(key);
    } finally {
      setRetyping(null);
    }
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (manage) void upload([...e.dataTransfer.files]);
  }

  const extensions = view.data?.extensions ?? [];
  return (
    <section className="flex flex-col gap-3" data-testid="files-panel">
      <div>
        <h2 className="font-semibold">Files</h2>
        <p className="text-sm text-muted-foreground">
          Each file (each sheet of a workbook) is a table. A file with the same name as one already here is a new version
          that replaces its table.
        </p>
      </div>
      {manage && (
        <div
          data-testid="files-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            "flex flex-col items-center gap-2 rounded-md border border-dashed p-6 text-center text-sm",
            dragging ? "border-primary bg-primary/5" : "border-input",
          )}
        >
          <Upload className="size-5 text-muted-foreground" />
          <p>Drop CSV, TSV, Parquet, JSON or Excel (.xlsx) files here</p>
          <p className="text-xs text-muted-foreground">
            {extensions.length > 0 && `.${extensions.join(", .")} · `}
            up to {megabytes(view.data?.maxFileBytes)} each, {view.data?.maxFiles ?? ""} files per source
          </p>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept={extensions.map((x) => `.${x}`).join(",")}
            data-testid="files-input"
            onChange={(e) => void upload([...(e.target.files ?? [])])}
          />
          <Button variant="outline" size="sm" onClick={() => input.current?.click()} disabled={uploading} data-testid="files-pick">
            <FileSpreadsheet /> Choose files
          </Button>
          {uploading && <Spinner label="Loading files…" />}
        </div>
      )}
      {view.loading && <LoadingState rows={2} />}
      {view.error && <ErrorState error={view.error} title="Could not list the files" />}
      {view.data && view.data.tables.length === 0 && (
        <p className="text-sm text-muted-foreground" data-testid="files-empty">
          No files yet.
        </p>
      )}
      {view.data?.tables.map((t) => (
        <div key={t.table} className="rounded-md border" data-testid="file-table" data-table={t.table}>
          <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2 text-sm">
            <span className="font-mono font-medium">{t.table}</span>
            <span className="text-muted-foreground">
              from {t.fileName}
              {t.sheet ? ` · sheet ${t.sheet}` : ""}
            </span>
            <Badge variant="secondary" data-testid="file-version">
              v{t.version}
            </Badge>
            <Badge variant="outline">{t.origin === "folder" ? "folder" : "upload"}</Badge>
            <span className="ml-auto text-xs text-muted-foreground">
              {t.rows} row{t.rows === 1 ? "" : "s"}
            </span>
          </div>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Column</TableHead>
                <TableHead>In the file</TableHead>
                <TableHead>Type</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {t.columns.map((c) => {
                const choices = view.data!.typeChoices.includes(c.type) ? view.data!.typeChoices : [c.type, ...view.data!.typeChoices];
                return (
                  <TableRow key={c.name} data-testid="file-column" data-column={c.name}>
                    <TableCell className="font-mono text-xs">{c.name}</TableCell>
                    <TableCell className="text-xs text-muted-foreground">{c.sourceName}</TableCell>
                    <TableCell>
                      {manage ? (
                        <NativeSelect
                          aria-label={`Type of ${t.table}.${c.name}`}
                          data-testid="column-type-select"
                          value={c.type}
                          disabled={retyping != null}
                          onChange={(e) => void retype(t, c.name, e.target.value)}
                          className="w-52"
                        >
                          {choices.map((x) => (
                            <option key={x} value={x}>
                              {x}
                              {x === c.inferredType ? " (inferred)" : ""}
                            </option>
                          ))}
                        </NativeSelect>
                      ) : (
                        <span className="font-mono text-xs">{c.type}</span>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ))}
    </section>
  );
}
