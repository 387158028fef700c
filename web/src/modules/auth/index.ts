// Logging in, the forced change of a one-time password and the user's own password: no pages inside
// the frame (the login page stands before it; the password dialog lives in the user menu).
export { Login } from './Login';
