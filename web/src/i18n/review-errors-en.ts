/** English messages for the posts workflow's error codes. */
export const reviewErrorsEn = {
  scheduled_time_passed: 'That time has already passed: pick a new time, or publish it now.',
  post_empty: 'Write something or add an image: an empty post cannot be saved.',
  restore_window_passed: 'This post was canceled too long ago to be restored.',
  approval_required: 'This workspace requires approval: send the post to review first.',
};
