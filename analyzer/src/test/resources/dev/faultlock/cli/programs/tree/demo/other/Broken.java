package demo.other;

final class Broken {
  int x = ;
}
