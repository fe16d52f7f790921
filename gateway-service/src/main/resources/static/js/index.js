// The landing page: a sign-in button, or who is signed in and where to go next.
'use strict';

(async () => {
  const me = await Trust.me();
  document.getElementById(me.authenticated ? 'signed-in' : 'signed-out').hidden = false;
  Trust.header();
  if (me.authenticated) {
    document.getElementById('name').textContent = me.name;
    document.getElementById('staff-number').textContent = me.staffNumber;
    document.getElementById('department').textContent = me.department;
  }
})();
