export {
  calendarSchema,
  fixedHolidaySchema,
  movableHolidaySchema,
  dayTransferSchema,
  isoDateSchema,
  type WorkCalendar,
  type FixedHoliday,
  type MovableHoliday,
  type DayTransfer,
} from './schema';
export { defaultCalendar, calendarVersion } from './kazakhstan';
export {
  addWorkingDays,
  addCalendarDays,
  isWorkingDay,
  describeDay,
  nextWorkingDayFrom,
  loadCalendar,
  type DayInfo,
  type DayKind,
} from './workingDays';
