import { dirname, join } from "node:path";
import { expect, test } from "./fixtures";
import { ApiSession, api, apiResponse, idOf, sqliteConnector, sqliteSettings } from "./support/api";
import { buildShopDatabase } from "./support/sqlite";
import type { E2eUser } from "./support/users";

interface UserJson {
  id: unknown;
  username: string;
}
interface MemberJson {
  userId: unknown;
  username: string;
  role: string;
}
interface ProjectJson {
  id: unknown;
  name: string;
  role?: string;
}

const DEFAULT_PROJECT = { id: "default", name: "Default" };

test("an admin creates a project, gives it a data source and a member, and the member sees only that project", async ({
  admin,
  page,
  pageAs,
  run,
}) => {
  const projectName = `e2e-project-${run.runId}`;
  const dataSourceName = `e2e-project-shop-${run.runId}`;
  // A user of this test's own: the run's shared users keep their default-project access for the other specs.
  const member: E2eUser = {
    username: `e2e-member-${run.runId}`,
    password: "member-password-e2e",
    role: "ANALYST",
    displayName: "Project Member",
  };
  const created = await api<UserJson>("/api/admin/users", { method: "POST", body: member });
  const memberId = idOf(created.id);

  await admin.open("projects");
  const projectId = await admin.createProject(projectName);
  expect(projectId).not.toBe("");

  await test.step("a blank name and a name in use are refused with a clear message", async () => {
    await admin.submitProjectName("   ");
    await expect(page.getByTestId("create-project-error")).toHaveText("Enter a project name.");
    await admin.submitProjectName(projectName);
    await expect(page.getByTestId("create-project-error")).toHaveText(
      `A project named “${projectName}” exists already. Choose another name.`,
    );
  });

  await test.step("a second SQLite data source is registered into the new project", async () => {
    const path = join(dirname(run.sqlitePath), `project-shop-${run.runId}.db`);
    buildShopDatabase(path);
    const connector = await sqliteConnector();
    await api("/api/datasources", {
      method: "POST",
      body: { name: dataSourceName, type: connector.type, settings: sqliteSettings(connector, path), secrets: {}, projectId },
    });
  });

  await test.step("the member is added as Analyst through the UI and removed from the default project", async () => {
    await admin.open("projects");
    await admin.selectProject(projectName);
    await expect(page.getByTestId("no-members")).toBeVisible();
    await admin.addMember(member.username, "ANALYST");
    const members = await api<MemberJson[]>(`/api/admin/projects/${encodeURIComponent(projectId)}/members`);
    expect(members.map((m) => [m.username, m.role])).toEqual([[member.username, "ANALYST"]]);

    await api(`/api/admin/projects/${DEFAULT_PROJECT.id}/members/${encodeURIComponent(memberId)}`, { method: "DELETE" });
    await admin.selectProject(DEFAULT_PROJECT.name);
    await expect(admin.memberRow("analyst-a")).toBeVisible();
    await expect(admin.memberRow(member.username)).toHaveCount(0);
  });

  const memberPage = await pageAs(member);
  const memberApi = await ApiSession.signIn(member);
  try {
    await test.step("the member sees only the new project's data source, and the project in the shell", async () => {
      await memberPage.goto("/data-sources/");
      await expect(memberPage.getByTestId("datasources-screen")).toBeVisible();
      const items = memberPage.getByTestId("datasource-item");
      await expect(items).toHaveCount(1);
      await expect(items).toContainText(dataSourceName);
      await expect(memberPage.getByTestId("datasource-item").filter({ hasText: run.dataSourceName })).toHaveCount(0);

      const projects = memberPage.getByTestId("my-project");
      await expect(projects).toHaveCount(1);
      await expect(projects).toHaveAttribute("data-name", projectName);
      await expect(projects).toHaveAttribute("data-role", "ANALYST");
      await expect(projects).toContainText("Analyst");

      // The run's data source lives in the default project: outside the member's projects it does not exist.
      const outside = await apiResponse(`/api/datasources/${encodeURIComponent(run.dataSourceId)}`, {}, memberApi);
      expect(outside.status).toBe(404);
    });

    await test.step("moving the data source back to the default project takes it out of the member's sight", async () => {
      await admin.moveDataSource(dataSourceName, DEFAULT_PROJECT.name);
      await memberPage.reload();
      await expect(memberPage.getByTestId("no-datasources")).toBeVisible();
      await expect(memberPage.getByTestId("datasource-item")).toHaveCount(0);
      const mine = await api<ProjectJson[]>("/api/projects", {}, memberApi);
      expect(mine.map((p) => [p.name, p.role])).toEqual([[projectName, "ANALYST"]]);
    });
  } finally {
    await memberApi.dispose();
  }
});
