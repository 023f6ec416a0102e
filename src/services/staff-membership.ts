import type { Api } from "grammy";
import type { Clock } from "../clock";

/**
 * How long a "yes, a member" answer is trusted. Short, because a member who leaves must lose access
 * (the issue asks "at once": a chat_member update, when Telegram sends them, forgets the member sooner).
 */
export const MEMBERSHIP_TRUSTED_MS = 60_000;

const MEMBER_STATUSES = new Set(["creator", "administrator", "member"]);

/**
 * Who is staff: a member of the staff group now, as Telegram says (getChatMember). Only "yes" answers
 * are remembered, so someone added to the group is staff at their first press, and one who left is
 * asked about again within a minute at most.
 */
export class StaffMembership {
  private readonly trustedUntil = new Map<number, number>();

  constructor(private readonly clock: Clock) {}

  async isMember(api: Api, staffChatId: number, userId: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    if ((this.trustedUntil.get(userId) ?? 0) > now) return true;
    const member = await api.getChatMember(staffChatId, userId);
    // A restricted user may still be in the group (is_member) or not; only one in it is staff.
    const isMember = MEMBER_STATUSES.has(member.status) || (member.status === "restricted" && member.is_member);
    if (isMember) this.trustedUntil.set(userId, now + MEMBERSHIP_TRUSTED_MS);
    else this.trustedUntil.delete(userId);
    return isMember;
  }

  /** The member left or was removed: no access from their next press on. */
  forget(userId: number): void {
    this.trustedUntil.delete(userId);
  }
}
