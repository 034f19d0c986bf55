package demo.broken;

final class Fine {
  private final Object lock = new Object();

  void f() {
    synchronized (lock) {
      System.out.println("fine");
    }
  }
}
