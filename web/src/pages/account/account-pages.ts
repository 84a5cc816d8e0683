// The account pages come as one chunk: they are opened together, and rarely.
export { AccountPage } from './AccountPage.tsx';
export { DetailsPage } from './DetailsPage.tsx';
export { PasswordPage } from './PasswordPage.tsx';
export { EmailPage, ConfirmEmailPage } from './EmailPage.tsx';
export { SecondFactorPage } from './SecondFactorPage.tsx';
export { CloseAccountPage, AccountClosedPage } from './CloseAccountPage.tsx';
export { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
export { ResetPasswordPage } from './ResetPasswordPage.tsx';
