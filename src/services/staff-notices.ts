import type { ChannelName } from "../domain/channel";
import { maskIin } from "../domain/iin";
import type { BookingView } from "../store/bookings";
import type { StaffNotice } from "../store/staff-outbox";

/** What staff are told about a booking and the person it is for (the booking issue's list, and nothing more). */
export function noticeAbout(
  kind: "booked" | "cancelled" | "changed" | "moved" | "rebooked",
  booking: BookingView,
  person: { fullName: string; phone: string; iin: string },
  channel: ChannelName,
): StaffNotice {
  const { number, serviceId, doctorId, startsAt, course } = booking;
  return {
    kind,
    number,
    serviceId,
    doctorId,
    startsAt,
    patientName: person.fullName,
    phone: person.phone,
    maskedIin: maskIin(person.iin),
    channel,
    ...(course ? { session: { number: course.number, count: course.count } } : {}),
  };
}

/** A person's details corrected (/edit, or typed anew at a booking): the notice says what was there before. */
export function changedNotice(
  booking: BookingView,
  before: { fullName: string; phone: string; iin: string },
  after: { fullName: string; phone: string; iin: string },
  channel: ChannelName,
): StaffNotice {
  const changedFrom: NonNullable<StaffNotice["changedFrom"]> = {};
  if (before.fullName !== after.fullName) changedFrom.patientName = before.fullName;
  if (before.phone !== after.phone) changedFrom.phone = before.phone;
  if (before.iin !== after.iin) changedFrom.maskedIin = maskIin(before.iin);
  return { ...noticeAbout("changed", booking, after, channel), changedFrom };
}

/**
 * A patient moved a booking, or chose a new time for one the clinic cancelled ("rebooked"): the new time,
 * and the one staff had planned for, in one notice.
 */
export function movedNotice(
  kind: "moved" | "rebooked",
  booking: BookingView,
  before: { startsAt: string; doctorId: string },
  person: { fullName: string; phone: string; iin: string },
  channel: ChannelName,
): StaffNotice {
  return { ...noticeAbout(kind, booking, person, channel), movedFrom: { startsAt: before.startsAt, doctorId: before.doctorId } };
}

/** An erasure frees the time without telling staff whose it was. */
export function freedTimeNotice(booking: BookingView, channel: ChannelName, staffMessageId: number | undefined): StaffNotice {
  const { number, serviceId, doctorId, startsAt } = booking;
  return {
    kind: "erased",
    number,
    serviceId,
    doctorId,
    startsAt,
    patientName: "",
    phone: "",
    maskedIin: "",
    channel,
    ...(staffMessageId === undefined ? {} : { staffMessageId }),
  };
}
