import { DEFAULT_CHANGE_CUTOFF_HOURS } from "../domain/booking-status";
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from "../domain/fair-use";
import type { Clock } from "../clock";
import { DEFAULT_REMINDER_OFFSETS_HOURS } from "../domain/reminders";
import type { Store } from "../store";
import { AbsenceService } from "./absences";
import { BlockingService } from "./blocking";
import { BookingService } from "./bookings";
import { ConsentService } from "./consents";
import { CorrectionService } from "./correction";
import { CourseService } from "./courses";
import { DataCopyService } from "./data-copy";
import { ErasureService } from "./erasure";
import { PaperRequestService } from "./paper-requests";
import { PolicyPublicationService } from "./policy-publication";
import { RetentionService } from "./retention";
import { StaffDeskService } from "./staff-desk";
import { WaitlistService } from "./waitlist";
import { WithdrawalService } from "./withdrawal";
import { DEFAULT_WAITLIST_HOLD_MINUTES } from "../domain/waitlist";

/** Who may do what, over several repositories at once: shared by the bot, the jobs and the admin CLI. */
export interface Services {
  consents: ConsentService;
  bookings: BookingService;
  courses: CourseService;
  dataCopy: DataCopyService;
  correction: CorrectionService;
  blocking: BlockingService;
  erasure: ErasureService;
  withdrawal: WithdrawalService;
  paperRequests: PaperRequestService;
  policyPublication: PolicyPublicationService;
  staffDesk: StaffDeskService;
  absences: AbsenceService;
  waitlist: WaitlistService;
  retention: RetentionService;
}

export function createServices(
  store: Store,
  clock: Clock,
  timeZone: string,
  limits: BookingLimits = DEFAULT_BOOKING_LIMITS,
  reminderOffsetsHours: readonly number[] = DEFAULT_REMINDER_OFFSETS_HOURS,
  changeCutoffHours: number = DEFAULT_CHANGE_CUTOFF_HOURS,
  waitlistHoldMinutes: number = DEFAULT_WAITLIST_HOLD_MINUTES,
): Services {
  const dataCopy = new DataCopyService(store);
  const correction = new CorrectionService(store, clock);
  const blocking = new BlockingService(store);
  const erasure = new ErasureService(store, clock);
  const reminderPlan = { offsetsHours: reminderOffsetsHours, timeZone };
  const bookings = new BookingService(store, clock, limits, reminderPlan, changeCutoffHours);
  const courses = new CourseService(store, clock, limits, reminderPlan, changeCutoffHours);
  return {
    consents: new ConsentService(store),
    bookings,
    courses,
    dataCopy,
    correction,
    blocking,
    erasure,
    withdrawal: new WithdrawalService(store, clock),
    paperRequests: new PaperRequestService(store, clock, timeZone, correction, blocking, erasure),
    policyPublication: new PolicyPublicationService(store),
    staffDesk: new StaffDeskService(store, clock, timeZone),
    absences: new AbsenceService(store, clock, timeZone),
    waitlist: new WaitlistService(store, clock, timeZone, waitlistHoldMinutes, bookings, courses),
    retention: new RetentionService(store, clock),
  };
}
