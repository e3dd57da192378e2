/** English strings of the date pickers (shared/DateFields.tsx). */
export const datesEn = {
  time: 'Time',
  skippedHour: 'That time does not exist that day in {{zone}} (clocks go forward): it will be saved as {{time}}.',
};
