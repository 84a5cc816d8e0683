export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        If you typed the address, check it is correct. <a href="/">Go to the start page</a>.
      </p>
    </>
  );
}
