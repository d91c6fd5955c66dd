import type { ProjectMember, User } from "@/lib/api/admin";
import { ROLE_LABELS, type Role } from "@/lib/api/auth";
import type { ApiError } from "@/lib/api/client";
import { assignableRoles } from "@/lib/auth/permissions";

/** The server's limit on a project's name. */
export const MAX_PROJECT_NAME_LENGTH = 200;

/** What is wrong with a new project's name before sending it (the server says the same with 422). */
export function projectNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Enter a project name.";
  if (trimmed.length > MAX_PROJECT_NAME_LENGTH) return `Project names have at most ${MAX_PROJECT_NAME_LENGTH} characters.`;
  return null;
}

/** Creating a project failed: 409 is a name in use, 422 a name the server does not take. */
export function createProjectMessage(error: Pick<ApiError, "status" | "code" | "message">, name: string): string {
  if (error.status === 409 || error.code === "CONFLICT") return `A project named “${name.trim()}” exists already. Choose another name.`;
  if (error.status === 422 || error.code === "VALIDATION_FAILED") {
    return `The project name is not valid: enter 1 to ${MAX_PROJECT_NAME_LENGTH} characters.`;
  }
  return error.message;
}

/**
 * Adding a member or changing their role failed. 422 means the role is above the user's account
 * role (a member's role in a project is at most that).
 */
export function memberRoleMessage(
  error: Pick<ApiError, "status" | "code" | "message">,
  member: { username: string; role: Role; accountRole?: Role | null },
): string {
  if (error.status === 422 || error.code === "VALIDATION_FAILED") {
    const account = member.accountRole ? ` (${ROLE_LABELS[member.accountRole]})` : "";
    return `${member.username} cannot be ${ROLE_LABELS[member.role]} in this project: a member's role is at most their account role${account}.`;
  }
  return error.message;
}

/** Roles a user may hold in a project, highest first: their account role or lower. */
export function memberRoleChoices(accountRole: Role | null | undefined): Role[] {
  return assignableRoles(accountRole ?? "ADMIN");
}

/** Users who may still join the project: not members, not disabled, by username. */
export function candidateMembers(users: readonly User[], members: readonly Pick<ProjectMember, "userId">[]): User[] {
  const ids = new Set(members.map((m) => m.userId));
  return users.filter((u) => !ids.has(u.id) && !u.disabled).sort((a, b) => a.username.localeCompare(b.username));
}

/** The role to offer first when adding `user`: Analyst, or their account role when that is lower. */
export function defaultMemberRole(accountRole: Role | null | undefined): Role {
  const choices = memberRoleChoices(accountRole);
  return choices.includes("ANALYST") ? "ANALYST" : choices[0];
}

/** One compact line for the shell: "Sales (Analyst) · Default (Viewer)". */
export function describeMyProjects(projects: readonly { name: string; role: Role }[]): string {
  return projects.map((p) => `${p.name} (${ROLE_LABELS[p.role]})`).join(" · ");
}
