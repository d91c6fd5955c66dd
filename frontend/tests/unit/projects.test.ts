import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  MAX_PROJECT_NAME_LENGTH,
  candidateMembers,
  createProjectMessage,
  defaultMemberRole,
  describeMyProjects,
  memberRoleChoices,
  memberRoleMessage,
  projectNameProblem,
} from "@/lib/admin/projects";
import { MyProject, Project, ProjectMember, User, projectsApi } from "@/lib/api/admin";
import { ApiError, resetCsrfToken, setUnauthenticatedHandler, toApiError } from "@/lib/api/client";
import { dataSourcesApi } from "@/lib/api/datasources";

const user = (id: string, username: string, role: User["role"], disabled = false): User =>
  User.parse({ id, username, role, disabled });

describe("project schemas", () => {
  it("reads an admin's project, with or without its creation time", () => {
    expect(Project.parse({ id: "default", name: "Default", createdAt: "2026-01-02T03:04:05Z" })).toEqual({
      id: "default",
      name: "Default",
      createdAt: "2026-01-02T03:04:05Z",
    });
    expect(Project.parse({ id: "p1", name: "Sales" }).createdAt).toBeNull();
    expect(Project.parse({ id: "p1", name: "Sales", createdAt: 1_700_000_000 }).createdAt).toBe("2023-11-14T22:13:20.000Z");
  });

  it("reads the caller's projects with their role there, and refuses an unknown role", () => {
    expect(MyProject.parse({ id: "p1", name: "Sales", role: "ANALYST" })).toEqual({ id: "p1", name: "Sales", role: "ANALYST" });
    expect(MyProject.safeParse({ id: "p1", name: "Sales", role: "OWNER" }).success).toBe(false);
    expect(MyProject.safeParse({ id: "p1", role: "VIEWER" }).success).toBe(false);
  });

  it("reads members, normalising typed ids", () => {
    expect(ProjectMember.parse({ userId: { value: "u-1" }, username: "ann", role: "VIEWER" })).toEqual({
      userId: "u-1",
      username: "ann",
      role: "VIEWER",
    });
    expect(ProjectMember.safeParse({ userId: "u-1", username: "ann" }).success).toBe(false);
  });
});

describe("new project name", () => {
  it("needs something besides blanks, and at most the server's length", () => {
    expect(projectNameProblem("")).toBe("Enter a project name.");
    expect(projectNameProblem("   ")).toBe("Enter a project name.");
    expect(projectNameProblem("x".repeat(MAX_PROJECT_NAME_LENGTH))).toBeNull();
    expect(projectNameProblem("x".repeat(MAX_PROJECT_NAME_LENGTH + 1))).toMatch(/at most 200/);
    expect(projectNameProblem(" Sales ")).toBeNull();
  });

  it("says a 409 is a name in use and a 422 an invalid name; other refusals keep the server's words", () => {
    const conflict = new ApiError({ status: 409, code: "CONFLICT", message: "A project named Sales exists already." });
    expect(createProjectMessage(conflict, " Sales ")).toBe("A project named “Sales” exists already. Choose another name.");
    const invalid = new ApiError({ status: 422, code: "VALIDATION_FAILED", message: "'name' is required" });
    expect(createProjectMessage(invalid, "")).toMatch(/not valid/);
    const forbidden = new ApiError({ status: 403, code: "FORBIDDEN", message: "Your role cannot do this." });
    expect(createProjectMessage(forbidden, "Sales")).toBe("Your role cannot do this.");
  });
});

describe("members", () => {
  it("offers roles up to the account's role", () => {
    expect(memberRoleChoices("ANALYST")).toEqual(["ANALYST", "VIEWER"]);
    expect(memberRoleChoices("VIEWER")).toEqual(["VIEWER"]);
    expect(memberRoleChoices("ADMIN")).toEqual(["ADMIN", "REVIEWER", "ANALYST", "VIEWER"]);
    // Account role not known (users not loaded yet): every role; the server still refuses too high a one.
    expect(memberRoleChoices(null)).toHaveLength(4);
  });

  it("adds as Analyst unless the account is lower", () => {
    expect(defaultMemberRole("ADMIN")).toBe("ANALYST");
    expect(defaultMemberRole("REVIEWER")).toBe("ANALYST");
    expect(defaultMemberRole("VIEWER")).toBe("VIEWER");
    expect(defaultMemberRole(undefined)).toBe("ANALYST");
  });

  it("explains a 422 as a role above the account's", () => {
    const e = new ApiError({ status: 422, code: "VALIDATION_FAILED", message: "A member's role must be at most …" });
    expect(memberRoleMessage(e, { username: "ann", role: "REVIEWER", accountRole: "ANALYST" })).toBe(
      "ann cannot be Reviewer in this project: a member's role is at most their account role (Analyst).",
    );
    expect(memberRoleMessage(e, { username: "ann", role: "ADMIN" })).toMatch(/at most their account role\.$/);
    const missing = new ApiError({ status: 404, code: "NOT_FOUND", message: "No project p9" });
    expect(memberRoleMessage(missing, { username: "ann", role: "VIEWER" })).toBe("No project p9");
  });

  it("lists enabled users who are not members yet, by username", () => {
    const users = [user("3", "zoe", "ANALYST"), user("1", "ann", "VIEWER"), user("2", "bob", "ANALYST"), user("4", "cy", "ADMIN", true)];
    expect(candidateMembers(users, [{ userId: "2" }]).map((u) => u.username)).toEqual(["ann", "zoe"]);
    expect(candidateMembers(users, users.map((u) => ({ userId: u.id })))).toEqual([]);
  });
});

describe("the shell's project line", () => {
  it("names each project with the caller's role there", () => {
    expect(
      describeMyProjects([
        { name: "Sales", role: "ANALYST" },
        { name: "Default", role: "VIEWER" },
      ]),
    ).toBe("Sales (Analyst) · Default (Viewer)");
    expect(describeMyProjects([])).toBe("");
  });
});

describe("project calls on the wire", () => {
  let sent: { method: string; path: string; body: unknown }[];
  let reply: { status: number; body?: unknown };

  beforeEach(() => {
    sent = [];
    reply = { status: 200, body: [] };
    vi.stubGlobal("document", { cookie: "XSRF-TOKEN=tok" });
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      sent.push({ method: init.method ?? "GET", path: url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (reply.status === 204) return new Response(null, { status: 204 });
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { "Content-Type": "application/json" } });
    });
    resetCsrfToken();
    setUnauthenticatedHandler(() => {});
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthenticatedHandler(null);
  });

  it("sets a member's role with PUT on encoded ids and reads the members list back", async () => {
    reply = { status: 200, body: [{ userId: "u 1", username: "ann", role: "ANALYST" }] };
    const members = await projectsApi.setMember("p/1", "u 1", "ANALYST");
    expect(sent).toEqual([{ method: "PUT", path: "/api/admin/projects/p%2F1/members/u%201", body: { role: "ANALYST" } }]);
    expect(members).toEqual([{ userId: "u 1", username: "ann", role: "ANALYST" }]);
  });

  it("removes a member with DELETE and moves a data source with PUT {projectId}", async () => {
    reply = { status: 204 };
    await projectsApi.removeMember("p1", "u1");
    reply = { status: 200, body: { id: "p2", name: "Sales", createdAt: "2026-01-01T00:00:00Z" } };
    const project = await projectsApi.moveDataSource("ds1", "p2");
    expect(sent.map((s) => [s.method, s.path, s.body])).toEqual([
      ["DELETE", "/api/admin/projects/p1/members/u1", undefined],
      ["PUT", "/api/admin/datasources/ds1/project", { projectId: "p2" }],
    ]);
    expect(project.name).toBe("Sales");
  });

  it("creates a project by name, and a duplicate comes back as a 409 the form explains", async () => {
    reply = { status: 201, body: { id: "p2", name: "Sales", createdAt: "2026-01-01T00:00:00Z" } };
    expect((await projectsApi.create("Sales")).id).toBe("p2");
    expect(sent[0]).toEqual({ method: "POST", path: "/api/admin/projects", body: { name: "Sales" } });
    reply = { status: 409, body: { status: 409, code: "CONFLICT", detail: "A project named Sales exists already." } };
    const error = toApiError(await projectsApi.create("Sales").catch((e: unknown) => e));
    expect(error.status).toBe(409);
    expect(createProjectMessage(error, "Sales")).toMatch(/exists already\. Choose another name\./);
  });

  it("sends projectId with a new data source only when one is chosen", async () => {
    const ds = { id: "ds1", name: "Shop", type: "sqlite", settings: {}, secretKeys: [] };
    reply = { status: 201, body: ds };
    await dataSourcesApi.create({ name: "Shop", type: "sqlite", settings: {}, secrets: {}, projectId: "p2" });
    await dataSourcesApi.create({ name: "Shop", type: "sqlite", settings: {}, secrets: {} });
    expect(sent.map((s) => (s.body as Record<string, unknown>).projectId)).toEqual(["p2", undefined]);
  });

  it("lists the caller's own projects from /api/projects", async () => {
    reply = { status: 200, body: [{ id: "default", name: "Default", role: "VIEWER" }] };
    expect(await projectsApi.mine()).toEqual([{ id: "default", name: "Default", role: "VIEWER" }]);
    expect(sent[0]).toMatchObject({ method: "GET", path: "/api/projects" });
  });
});
