import { describe, expect, it } from "vitest";
import * as callbackData from "../../src/domain/callback-data";

const {
  backData,
  blockData,
  cancelBookingData,
  changeData,
  confirmCancelBookingData,
  moveBookingData,
  dialogueLeaveData,
  consentData,
  correctFieldData,
  correctPersonData,
  dayData,
  deleteData,
  doctorData,
  earliestSlotData,
  languageData,
  policyUpdateData,
  policyVersionTextData,
  savedPersonData,
  serviceData,
  showIinData,
  slotData,
  startLanguageData,
  summaryData,
  thirdPartyData,
  unblockData,
  whoData,
  withdrawData,
  takeOfferData,
  declineOfferData,
  leaveWaitlistData,
  waitlistRangeData,
  waitlistScopeData,
  cancelCourseRestData,
  confirmCancelCourseRestData,
  courseSessionsData,
} = callbackData;

describe("callback data", () => {
  it("keeps the wire format of every button already in people's chats", () => {
    const fixed = Object.values(callbackData)
      .filter((kind) => typeof kind === "object" && "is" in kind)
      .map((kind) => kind.data)
      .sort();
    expect(fixed).toEqual(["alternatives:day", "block-no", "booking-keep", "course-keep", "delete-no", "doctor-any", "edit:save", "move-confirm", "nav:back", "nav:cancel", "nav:continue", "policy:full", "representative:no", "representative:yes", "withdraw-no", "wl-join"]);
    expect([
      policyVersionTextData.pack({ version: "1.1" }),
      consentData.pack({ answer: "yes" }),
      thirdPartyData.pack({ answer: "no" }),
      policyUpdateData.pack({ answer: "no", version: "2.10" }),
      whoData.pack({ relation: "other" }),
      savedPersonData.pack({ patientId: "p1" }),
      serviceData.pack({ serviceId: "pediatrician" }),
      doctorData.pack({ doctorId: "akhmetova" }),
      dayData.pack({ day: "2026-12-02" }),
      slotData.pack({ slotId: "s1" }),
      earliestSlotData.pack({ slotId: "s1" }),
      summaryData.pack({ choice: "confirm" }),
      changeData.pack({ step: "phone" }),
      correctPersonData.pack({ patientId: "p1" }),
      correctFieldData.pack({ field: "fullName" }),
      cancelBookingData.pack({ bookingId: "b1" }),
      confirmCancelBookingData.pack({ bookingId: "b1" }),
      moveBookingData.pack({ bookingId: "b1" }),
      dialogueLeaveData.pack({ then: "appointments" }),
      showIinData.pack({ patientId: "p1" }),
      blockData.pack({ accountId: "a1" }),
      unblockData.pack({ accountId: "a1" }),
      deleteData.pack({ accountId: "a1" }),
      withdrawData.pack({ accountId: "a1" }),
      startLanguageData.pack({ locale: "kk" }),
      languageData.pack({ locale: "ru" }),
      takeOfferData.pack({ offerId: "o1" }),
      declineOfferData.pack({ offerId: "o1" }),
      leaveWaitlistData.pack({ entryId: "e1" }),
      waitlistRangeData.pack({ days: "14" }),
      waitlistScopeData.pack({ scope: "any" }),
      cancelCourseRestData.pack({ courseId: "c1" }),
      confirmCancelCourseRestData.pack({ courseId: "c1" }),
      courseSessionsData.pack({ courseId: "c1" }),
    ]).toEqual([
      "policy:full:1.1",
      "consent:yes",
      "third-party:no",
      "policy-update:no:2.10",
      "who:other",
      "who-saved:p1",
      "service:pediatrician",
      "doctor:akhmetova",
      "day:2026-12-02",
      "slot:s1",
      "slot-earliest:s1",
      "summary:confirm",
      "change:phone",
      "edit-person:p1",
      "edit-field:fullName",
      "booking-cancel:b1",
      "booking-cancel-yes:b1",
      "booking-move:b1",
      "nav:leave:appointments",
      "mydata-iin:p1",
      "block:a1",
      "unblock:a1",
      "delete:a1",
      "withdraw:a1",
      "start-language:kk",
      "language:ru",
      "wl-take:o1",
      "wl-no:o1",
      "wl-leave:e1",
      "wl-days:14",
      "wl-scope:any",
      "course-cancel:c1",
      "course-cancel-yes:c1",
      "course-sessions:c1",
    ]);
  });

  it("reads back what it built, and nothing of another kind", () => {
    expect(policyUpdateData.read("policy-update:yes:1.1")).toEqual({ answer: "yes", version: "1.1" });
    expect(policyUpdateData.read("policy-update:maybe:1.1")).toBeUndefined();
    expect(policyVersionTextData.read("policy:full")).toBeUndefined();
    expect(policyVersionTextData.read("policy:full:latest")).toBeUndefined();
    expect(cancelBookingData.read("booking-cancel-yes:b1")).toBeUndefined();
    expect(blockData.read("unblock:a1")).toBeUndefined();
    expect(backData.is("nav:back")).toBe(true);
    expect(backData.is(undefined)).toBe(false);
  });

  it("reads any id, so a forged or stale one reaches the handler and finds nothing there", () => {
    expect(cancelBookingData.unpack("booking-cancel:anything")).toEqual({ bookingId: "anything" });
    expect(showIinData.trigger.test("mydata-iin:not-a-patient")).toBe(true);
    expect(() => deleteData.unpack("withdraw:a1")).toThrow(/register the handler with this kind's trigger/);
  });

  it("refuses to build data Telegram would refuse or that would not read back", () => {
    expect(() => policyVersionTextData.pack({ version: "next" })).toThrow(/does not read back/);
    expect(() => cancelBookingData.pack({ bookingId: "" })).toThrow(/does not read back/);
    expect(() => cancelBookingData.pack({ bookingId: "x".repeat(60) })).toThrow(/64 bytes/);
  });
});
