export {
  calendarSchema,
  fixedHolidaySchema,
  movableHolidaySchema,
  dayTransferSchema,
  transferYearSchema,
  isoDateSchema,
  type WorkCalendar,
  type FixedHoliday,
  type MovableHoliday,
  type DayTransfer,
  type TransferYear,
} from './schema';
export { defaultCalendar, calendarVersion } from './kazakhstan';
export {
  addWorkingDays,
  addCalendarDays,
  isWorkingDay,
  describeDay,
  nextWorkingDayFrom,
  calendarTermEnd,
  loadCalendar,
  type DayInfo,
  type DayKind,
} from './workingDays';
